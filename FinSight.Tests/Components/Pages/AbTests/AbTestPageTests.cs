using AngleSharp.Dom;
using Bunit;
using FinSight.Core.AbTesting;
using FinSight.Core.Access;
using FinSight.Core.Tracking;
using FinSight.Dashboard.AbTests;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Components.Pages.AbTests;
using FinSight.Tests.Integration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Xunit;

namespace FinSight.Tests.Components.Pages.AbTests;

/// <summary>The A/B test page rendered by bUnit over a running server: results, recommendation, SRM, charts, live updates, actions and access.</summary>
public sealed class AbTestPageTests : ServerBackedTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;

    private AbTestService Service => Ctx.Server.Services.GetRequiredService<AbTestService>();
    private AbTestReader Reader => Ctx.Server.Services.GetRequiredService<AbTestReader>();
    private ISnackbar Snackbar => Ctx.Context.Services.GetRequiredService<ISnackbar>();

    protected override void OnStarted()
    {
        Ctx.Context.Render<MudPopoverProvider>();
        _dialogs = Ctx.Context.Render<MudDialogProvider>();
    }

    private IRenderedComponent<AbTestPage> Render(long testId) => Render(testId.ToString());

    private IRenderedComponent<AbTestPage> Render(string testId) => Ctx.Context.Render<AbTestPage>(p => p.Add(c => c.TestId, testId));

    private static IElement Row(IRenderedComponent<AbTestPage> page, string metric, string variant) =>
        page.Find($"[id='ab-results-{metric}'] tr[data-variant='{variant}']");

    private static string Cell(IRenderedComponent<AbTestPage> page, string metric, string variant, string cell) =>
        Row(page, metric, variant).QuerySelector($".{cell}")!.TextContent.Trim();

    private static string Text(IRenderedComponent<AbTestPage> page, string selector) =>
        string.Join(' ', page.Find(selector).TextContent.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

    private static List<Scatter> Traces(IRenderedComponent<AbTestPage> page, string chartId) =>
        page.FindComponents<PlotlyChart>().Single(c => c.Instance.Id == chartId).Instance.Data.Cast<Scatter>().ToList();

    [Fact]
    public async Task AbTestPage_TreatmentClearlyBetterAtPlannedSize_TableRecommendationAndWinner()
    {
        var test = await AbTestSeed.CreateAsync(Ctx.Server, minSampleSize: 100);
        await AbTestSeed.ObserveAsync(Ctx.Server, test.Id, "control", units: 100, conversions: 10);
        await AbTestSeed.ObserveAsync(Ctx.Server, test.Id, "treatment", units: 100, conversions: 30);
        var results = await Reader.ResultsAsync(Ctx.Server.Admin, test.Id.ToString());
        var treatment = results.Metrics[0].Variants[1];

        var page = Render(test.Id);

        page.WaitForAssertion(() => Assert.Equal("new-ranker", page.Find("#ab-name").TextContent), Patience);
        Assert.Equal("running", page.Find("#ab-status").TextContent.Trim());
        Assert.Equal("checkout", page.Find("#ab-experiment").TextContent.Trim());
        Assert.Equal("The new ranker raises conversion.", page.Find("#ab-hypothesis").TextContent.Trim());
        Assert.Equal("Planned sample size 100 per variant · reached", Text(page, "#ab-planned"));
        Assert.Equal("Alpha 0.05", Text(page, "#ab-alpha"));
        Assert.Equal("Holm–Bonferroni correction applied across 1 comparison", Text(page, "#ab-correction"));
        Assert.Equal(["100", "10.0%", "—", "—"], new[] { "ab-n", "ab-mean", "ab-lift", "ab-p" }.Select(c => Cell(page, "converted", "control", c)));
        Assert.Equal(["100", "30.0%", "+200.0%"], new[] { "ab-n", "ab-mean", "ab-lift" }.Select(c => Cell(page, "converted", "treatment", c)));
        Assert.Equal($"[{treatment.CiLow * 100:0.0}%, {treatment.CiHigh * 100:0.0}%]", Cell(page, "converted", "treatment", "ab-ci"));
        Assert.Matches(@"^(0\.\d{4}|<0\.0001)$", Cell(page, "converted", "treatment", "ab-p"));
        Assert.Matches(@"^\d+\.\d%$", Cell(page, "converted", "treatment", "ab-chance"));
        Assert.NotNull(Row(page, "converted", "treatment").QuerySelector(".ab-better-chip"));
        Assert.Null(Row(page, "converted", "control").QuerySelector(".ab-better-chip"));
        Assert.StartsWith("Ship variant treatment: converted is +200.0%", Text(page, "#ab-recommendation"));
        Assert.Equal("Winner: treatment", page.Find("#ab-winner").TextContent.Trim());
        Assert.Empty(page.FindAll("#ab-srm"));
        Assert.Equal("Units match the split (SRM check p = 1.0000).", Text(page, "#ab-srm-status"));
        Assert.DoesNotContain("NaN", page.Markup);
    }

    [Fact]
    public async Task AbTestPage_NoObservations_KeepsRunningWithDashesNotNaN()
    {
        var test = await AbTestSeed.CreateAsync(Ctx.Server, minSampleSize: 250);

        var page = Render(test.Id);

        page.WaitForAssertion(() => Assert.Equal("No observations yet: send observations for the primary metric to see results.", Text(page, "#ab-recommendation")), Patience);
        Assert.Empty(page.FindAll("#ab-winner"));
        Assert.Equal(["0", "—", "—", "—", "—"], new[] { "ab-n", "ab-mean", "ab-ci", "ab-lift", "ab-p-adjusted" }.Select(c => Cell(page, "converted", "treatment", c)));
        Assert.Equal("Planned sample size 250 per variant · not reached yet (fewest so far: 0)", Text(page, "#ab-planned"));
        Assert.Equal("Holm–Bonferroni correction will apply across 1 comparison", Text(page, "#ab-correction"));
        Assert.Equal("No units yet.", Text(page, "#ab-srm-status"));
        Assert.DoesNotContain("NaN", page.Markup);
    }

    [Fact]
    public async Task AbTestPage_SkewedSplit_SrmAlertWithPValueAndExpectedUnits()
    {
        var test = await AbTestSeed.CreateAsync(Ctx.Server, minSampleSize: 100);
        await AbTestSeed.ObserveAsync(Ctx.Server, test.Id, "control", units: 300, conversions: 30);
        await AbTestSeed.ObserveAsync(Ctx.Server, test.Id, "treatment", units: 100, conversions: 30);

        var page = Render(test.Id);

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#ab-srm")), Patience);
        var srm = Text(page, "#ab-srm");
        Assert.StartsWith("Sample ratio mismatch (p < 0.0001).", srm);
        Assert.Contains("control 300 (expected 200), treatment 100 (expected 200)", srm);
        Assert.StartsWith("Don't trust these results", Text(page, "#ab-recommendation"));
        Assert.Empty(page.FindAll("#ab-winner"));
        Assert.StartsWith("Sample ratio mismatch", Text(page, "#ab-srm-status"));
        Assert.Equal(["75.0%", "25.0%"], page.FindAll(".ab-split-share").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task AbTestPage_FairSplit_NoSrmAlert()
    {
        var test = await AbTestSeed.CreateAsync(Ctx.Server, minSampleSize: 100);
        await AbTestSeed.ObserveAsync(Ctx.Server, test.Id, "control", units: 104, conversions: 10);
        await AbTestSeed.ObserveAsync(Ctx.Server, test.Id, "treatment", units: 96, conversions: 11);

        var page = Render(test.Id);

        page.WaitForAssertion(() => Assert.Equal("104", Cell(page, "converted", "control", "ab-n")), Patience);
        Assert.Empty(page.FindAll("#ab-srm"));
        Assert.StartsWith("Units match the split", Text(page, "#ab-srm-status"));
        Assert.StartsWith("Keep running", Text(page, "#ab-recommendation"));
    }

    [Fact]
    public async Task AbTestPage_ObservationsArrive_TableRecommendationAndChartsUpdateWithoutReload()
    {
        var test = await AbTestSeed.CreateAsync(Ctx.Server, minSampleSize: 100);
        await AbTestSeed.ObserveAsync(Ctx.Server, test.Id, "control", units: 40, conversions: 4);
        await AbTestSeed.ObserveAsync(Ctx.Server, test.Id, "treatment", units: 40, conversions: 12);
        var page = Render(test.Id);
        page.WaitForAssertion(() => Assert.Equal("40", Cell(page, "converted", "treatment", "ab-n")), Patience);
        Assert.StartsWith("Keep running: about 60 more units per variant", Text(page, "#ab-recommendation"));

        await AbTestSeed.ObserveAsync(Ctx.Server, test.Id, "control", units: 60, conversions: 6, firstUnit: 40);
        await AbTestSeed.ObserveAsync(Ctx.Server, test.Id, "treatment", units: 60, conversions: 18, firstUnit: 40);

        page.WaitForAssertion(() => Assert.Equal("Winner: treatment", page.Find("#ab-winner").TextContent.Trim()), Patience);
        Assert.Equal("100", Cell(page, "converted", "treatment", "ab-n"));
        Assert.Equal("30.0%", Cell(page, "converted", "treatment", "ab-mean"));
        Assert.StartsWith("Ship variant treatment", Text(page, "#ab-recommendation"));
        Assert.Equal([100L, 100L], Traces(page, "ab-exposures-chart").Select(t => (long)t.Y[^1]));
    }

    [Fact]
    public async Task AbTestPage_Charts_CarryIntervalsLiftBandAndCumulativeUnits()
    {
        var test = await AbTestSeed.CreateAsync(Ctx.Server, minSampleSize: 100);
        await AbTestSeed.ObserveAsync(Ctx.Server, test.Id, "control", units: 100, conversions: 10);
        await AbTestSeed.ObserveAsync(Ctx.Server, test.Id, "treatment", units: 100, conversions: 30);
        var results = await Reader.ResultsAsync(Ctx.Server.Admin, test.Id.ToString());
        var rows = results.Metrics[0].Variants;
        var day = Assert.Single(results.Timeline.Days);
        var today = day.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var page = Render(test.Id);
        page.WaitForAssertion(() => Assert.Equal(3, page.FindComponents<PlotlyChart>().Count), Patience);

        var ci = Traces(page, "ab-ci-chart");
        Assert.Equal(["control", "treatment"], ci.Select(t => t.Name));
        Assert.Equal([0.1, 0.3], ci.Select(t => (double)t.Y[0]));
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(rows[i].CiHigh!.Value - rows[i].Mean!.Value, (double)ci[i].ErrorY.Array[0], 12);
            Assert.Equal(rows[i].Mean!.Value - rows[i].CiLow!.Value, (double)ci[i].ErrorY.ArrayMinus[0], 12);
        }

        var lift = Traces(page, "ab-lift-chart");
        Assert.Equal(["treatment CI high", "treatment CI low", "treatment"], lift.Select(t => t.Name));
        Assert.All(lift, t => Assert.Equal([today], t.X.Cast<string>()));
        Assert.Equal(2.0, (double)lift[2].Y[0], 9);
        Assert.Equal(day.PrimaryLift["treatment"].CiHigh!.Value, (double)lift[0].Y[0], 12);
        Assert.Equal(day.PrimaryLift["treatment"].CiLow!.Value, (double)lift[1].Y[0], 12);
        Assert.Equal(Plotly.Blazor.Traces.ScatterLib.FillEnum.ToNextY, lift[1].Fill);

        var exposures = Traces(page, "ab-exposures-chart");
        Assert.Equal(["control", "treatment"], exposures.Select(t => t.Name));
        Assert.Equal([100L, 100L], exposures.Select(t => (long)t.Y[0]));
        Assert.All(exposures, t => Assert.Equal([today], t.X.Cast<string>()));
    }

    [Fact]
    public async Task AbTestPage_GuardrailHarmed_OwnSectionMarkedWorseAndStopRecommended()
    {
        var test = await AbTestSeed.CreateAsync(Ctx.Server, minSampleSize: 100, guardrail: true);
        await AbTestSeed.ObserveAsync(Ctx.Server, test.Id, "control", units: 100, conversions: 10, guardrailValue: i => 100 + i % 10);
        await AbTestSeed.ObserveAsync(Ctx.Server, test.Id, "treatment", units: 100, conversions: 12, guardrailValue: i => 150 + i % 10);

        var page = Render(test.Id);

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#ab-guardrails [id='ab-results-latency_ms']")), Patience);
        Assert.Equal("104.5", Cell(page, "latency_ms", "control", "ab-mean"));
        Assert.Equal("154.5", Cell(page, "latency_ms", "treatment", "ab-mean"));
        Assert.NotNull(Row(page, "latency_ms", "treatment").QuerySelector(".ab-worse-chip"));
        Assert.StartsWith("Stop: variant treatment harms guardrail latency_ms", Text(page, "#ab-recommendation"));
        Assert.Equal("Holm–Bonferroni correction applied across 2 comparisons", Text(page, "#ab-correction"));
        Assert.Empty(page.FindAll("#ab-primary [id='ab-results-latency_ms']"));
    }

    [Fact]
    public async Task AbTestPage_StartThenStopConfirmed_StatusAndButtonsFollow()
    {
        var test = await AbTestSeed.CreateAsync(Ctx.Server, start: false);
        var page = Render(test.Id);
        page.WaitForAssertion(() => Assert.Equal("draft", page.Find("#ab-status").TextContent.Trim()), Patience);
        Assert.Empty(page.FindAll("#ab-stop"));
        Assert.Equal("Started not yet", Text(page, "#ab-started"));

        page.Find("#ab-start").Click();

        page.WaitForAssertion(() => Assert.Equal("running", page.Find("#ab-status").TextContent.Trim()), Patience);
        Assert.Empty(page.FindAll("#ab-start"));
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == "A/B test started: it now accepts observations." && s.Severity == Severity.Success);

        page.Find("#ab-stop").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("It stops collecting observations now", _dialogs.Markup), Patience);
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Stop").Click();

        page.WaitForAssertion(() => Assert.Equal("stopped", page.Find("#ab-status").TextContent.Trim()), Patience);
        Assert.Empty(page.FindAll("#ab-stop"));
        Assert.Empty(page.FindAll("#ab-end"));
        Assert.Empty(page.FindAll("#ab-change-split"));
        Assert.Contains($"by {FinSightServer.AdminEmail}", Text(page, "#ab-finished"));
        Assert.Equal("stopped", (await Reader.GetAsync(Ctx.Server.Admin, test.Id.ToString())).Status);
    }

    [Fact]
    public async Task AbTestPage_EndCancelled_StaysRunning()
    {
        var test = await AbTestSeed.CreateAsync(Ctx.Server);
        var page = Render(test.Id);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#ab-end")), Patience);

        page.Find("#ab-end").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("It concludes now", _dialogs.Markup), Patience);
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        _dialogs.WaitForAssertion(() => Assert.DoesNotContain("It concludes now", _dialogs.Markup), Patience);
        Assert.Equal("running", page.Find("#ab-status").TextContent.Trim());
        Assert.Equal("running", (await Reader.GetAsync(Ctx.Server.Admin, test.Id.ToString())).Status);
    }

    [Fact]
    public async Task ChangeSplit_BadSumThenGood_MessageInDialogThenHistoryShowsTheChange()
    {
        var test = await AbTestSeed.CreateAsync(Ctx.Server);
        var page = Render(test.Id);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#ab-change-split")), Patience);
        Assert.NotNull(page.Find("#ab-split-history-empty"));

        page.Find("#ab-change-split").Click();
        _dialogs.WaitForElement(".split-weight[data-variant='control'] input", Patience).Input("0.7");
        _dialogs.Find(".split-weight[data-variant='treatment'] input").Input("0.4");
        _dialogs.Find("#split-save").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("weights sum to 1.1", _dialogs.Find("#split-error").TextContent), Patience);
        _dialogs.Find(".split-weight[data-variant='control'] input").Input("0.6");
        _dialogs.Find("#split-save").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll(".ab-split-change")), Patience);
        Assert.EndsWith($"by {FinSightServer.AdminEmail}: control 50% → 60%, treatment 50% → 40%", page.Find(".ab-split-change").TextContent.Trim());
        Assert.Equal(["60%", "40%"], page.FindAll(".ab-split-weight").Select(c => c.TextContent.Trim()));
        Assert.Empty(_dialogs.FindAll("#split-save"));
        Assert.Equal([0.6, 0.4], (await Reader.GetAsync(Ctx.Server.Admin, test.Id.ToString())).Variants.Select(v => v.Weight));
    }

    [Fact]
    public async Task AbTestPage_Viewer_SeesResultsButNoWriteButtons()
    {
        var test = await AbTestSeed.CreateAsync(Ctx.Server, start: false);
        var vera = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Viewer, "vera@finsight.test", withKey: false);
        await AccessTestUsers.GrantAsync(Ctx.Server, test.ExperimentId.ToString(), vera, PermissionLevel.Edit);
        Ctx.SignIn(vera.Principal);

        var page = Render(test.Id);

        page.WaitForAssertion(() => Assert.Equal("new-ranker", page.Find("#ab-name").TextContent), Patience);
        Assert.NotNull(page.Find("[id='ab-results-converted']"));
        Assert.Empty(page.FindAll("#ab-start"));
        Assert.Empty(page.FindAll("#ab-change-split"));
    }

    [Fact]
    public async Task AbTestPage_NoPermissionsUser_SeesTheAccessMessageAndNothingOfTheTest()
    {
        var test = await AbTestSeed.CreateAsync(Ctx.Server);
        var rita = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Researcher, "rita@finsight.test", withKey: false);
        await AccessTestUsers.GrantAsync(Ctx.Server, test.ExperimentId.ToString(), rita, PermissionLevel.NoPermissions);
        Ctx.SignIn(rita.Principal);

        var page = Render(test.Id);

        page.WaitForAssertion(() => Assert.Contains("You need READ permission", page.Find("#page-forbidden").TextContent), Patience);
        Assert.DoesNotContain("new-ranker", page.Markup);
        Assert.Empty(page.FindAll("#ab-recommendation"));
    }

    [Fact]
    public async Task AbTestPage_ResearcherLosesEditWhileOpen_StartRefusalShownInSnackbar()
    {
        var test = await AbTestSeed.CreateAsync(Ctx.Server, start: false);
        var rita = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Researcher, "rita@finsight.test", withKey: false);
        await AccessTestUsers.GrantAsync(Ctx.Server, test.ExperimentId.ToString(), rita, PermissionLevel.Edit);
        Ctx.SignIn(rita.Principal);
        var page = Render(test.Id);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#ab-start")), Patience);

        await AccessTestUsers.GrantAsync(Ctx.Server, test.ExperimentId.ToString(), rita, PermissionLevel.Read);
        page.Find("#ab-start").Click();

        page.WaitForAssertion(() => Assert.Contains(Snackbar.ShownSnackbars, s => s.Severity == Severity.Error && s.Message?.Contains("EDIT") == true), Patience);
        Assert.Equal("draft", page.Find("#ab-status").TextContent.Trim());
        var refused = await Assert.ThrowsAsync<TrackingException>(() => Service.StartAsync(rita.Principal, test.Id.ToString()));
        Assert.Equal(TrackingErrorKind.Forbidden, refused.Kind);
    }

    [Theory]
    [InlineData("999")]
    [InlineData("not-a-test")]
    public async Task AbTestPage_UnknownId_ShowsNotFound(string testId)
    {
        await AbTestSeed.CreateAsync(Ctx.Server);

        var page = Render(testId);

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#ab-test-not-found")), Patience);
        Assert.Empty(page.FindAll("#ab-name"));
    }

    [Fact]
    public async Task AbTestPage_Disposed_LetsGoOfItsSubscription()
    {
        var test = await AbTestSeed.CreateAsync(Ctx.Server);
        var before = Ctx.Live.ActiveSubscriptions;
        var page = Render(test.Id);
        page.WaitForAssertion(() => Assert.Equal(before + 1, Ctx.Live.ActiveSubscriptions), Patience);

        await Ctx.Context.DisposeComponentsAsync();

        Assert.Equal(before, Ctx.Live.ActiveSubscriptions);
    }
}
