using AngleSharp.Dom;
using Bunit;
using FinSight.Core.AbTesting;
using FinSight.Core.Access;
using FinSight.Core.Analysis;
using FinSight.Dashboard.AbTests;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Components.Pages.AbTests;
using FinSight.Tests.Integration;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Xunit;

namespace FinSight.Tests.Components.Pages.AbTests;

/// <summary>The A/B tests list and its create dialog rendered by bUnit over a running server's real services.</summary>
public sealed class AbTestsPageTests : ServerBackedTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;

    private AbTestReader Reader => Ctx.Server.Services.GetRequiredService<AbTestReader>();
    private ISnackbar Snackbar => Ctx.Context.Services.GetRequiredService<ISnackbar>();
    private NavigationManager Navigation => Ctx.Context.Services.GetRequiredService<NavigationManager>();

    protected override void OnStarted()
    {
        Ctx.Context.Render<MudPopoverProvider>();
        _dialogs = Ctx.Context.Render<MudDialogProvider>();
    }

    private static IElement Row(IRenderedComponent<AbTestsPage> page, string name) =>
        page.FindAll("#ab-tests-table tbody tr").Single(r => r.QuerySelector("a.ab-test-link")?.TextContent == name);

    private static string Cell(IElement row, string cell) =>
        string.Join(' ', row.QuerySelector($".{cell}")!.TextContent.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

    private static List<string> Units(IElement row) =>
        row.QuerySelectorAll(".ab-variant-units").Select(u => string.Join(' ', u.TextContent.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();

    private static List<string> Names(IRenderedComponent<AbTestsPage> page) =>
        page.FindAll("a.ab-test-link").Select(a => a.TextContent).ToList();

    [Fact]
    public async Task AbTestsPage_TestsWithObservations_RowsShowUnitsLeaderSignificanceAndSrmFlag()
    {
        var fair = await AbTestSeed.CreateAsync(Ctx.Server, "fair-ranker", "checkout", minSampleSize: 100);
        await AbTestSeed.ObserveAsync(Ctx.Server, fair.Id, "control", units: 100, conversions: 10);
        await AbTestSeed.ObserveAsync(Ctx.Server, fair.Id, "treatment", units: 100, conversions: 30);
        var skewed = await AbTestSeed.CreateAsync(Ctx.Server, "skewed-ranker", "search", minSampleSize: 100);
        await AbTestSeed.ObserveAsync(Ctx.Server, skewed.Id, "control", units: 300, conversions: 60);
        await AbTestSeed.ObserveAsync(Ctx.Server, skewed.Id, "treatment", units: 100, conversions: 12);
        await AbTestSeed.CreateAsync(Ctx.Server, "draft-ranker", "checkout", start: false);

        var page = Ctx.Context.Render<AbTestsPage>();

        page.WaitForAssertion(() => Assert.Equal(["draft-ranker", "skewed-ranker", "fair-ranker"], Names(page)), Patience);
        var fairRow = Row(page, "fair-ranker");
        Assert.Equal($"/ab-tests/{fair.Id}", fairRow.QuerySelector("a.ab-test-link")!.GetAttribute("href"));
        Assert.Equal(["control 100", "treatment 100"], Units(fairRow));
        Assert.Equal(["checkout", "running", "treatment", "winner: treatment", "ok", "converted"],
            new[] { "ab-test-experiment", "ab-status", "ab-test-leader", "ab-test-significance", "ab-test-srm", "ab-test-metric" }.Select(c => Cell(fairRow, c)));
        var skewedRow = Row(page, "skewed-ranker");
        Assert.Equal(["control 300", "treatment 100"], Units(skewedRow));
        Assert.Equal("control", Cell(skewedRow, "ab-test-leader"));
        Assert.NotNull(skewedRow.QuerySelector(".ab-srm-chip"));
        Assert.Null(fairRow.QuerySelector(".ab-srm-chip"));
        var draftRow = Row(page, "draft-ranker");
        Assert.Equal(["control 0", "treatment 0"], Units(draftRow));
        Assert.Equal(["draft", "—", "—"],
            new[] { "ab-status", "ab-test-leader", "ab-test-significance" }.Select(c => Cell(draftRow, c)));
    }

    [Fact]
    public async Task AbTestsPage_ObservationsArrive_RowUpdatesLive()
    {
        var test = await AbTestSeed.CreateAsync(Ctx.Server, minSampleSize: 1000);
        var page = Ctx.Context.Render<AbTestsPage>();
        page.WaitForAssertion(() => Assert.Equal(["control 0", "treatment 0"], Units(Row(page, "new-ranker"))), Patience);

        await AbTestSeed.ObserveAsync(Ctx.Server, test.Id, "control", units: 20, conversions: 1);
        await AbTestSeed.ObserveAsync(Ctx.Server, test.Id, "treatment", units: 18, conversions: 5);

        page.WaitForAssertion(() =>
        {
            var row = Row(page, "new-ranker");
            Assert.Equal(["control 20", "treatment 18"], Units(row));
            Assert.Equal("treatment", Cell(row, "ab-test-leader"));
            Assert.Equal("not significant", Cell(row, "ab-test-significance"));
        }, Patience);
    }

    [Fact]
    public async Task AbTestsPage_Disposed_LetsGoOfItsSubscription()
    {
        var before = Ctx.Live.ActiveSubscriptions;
        var page = Ctx.Context.Render<AbTestsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#ab-tests-empty")), Patience);
        Assert.Equal(before + 1, Ctx.Live.ActiveSubscriptions);

        await Ctx.Context.DisposeComponentsAsync();

        Assert.Equal(before, Ctx.Live.ActiveSubscriptions);
    }

    [Fact]
    public async Task AbTestsPage_Viewer_SeesReadableTestsButNoNewButton()
    {
        await AbTestSeed.CreateAsync(Ctx.Server, "visible", "checkout");
        var vera = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Viewer, "vera@finsight.test", withKey: false);
        Ctx.SignIn(vera.Principal);

        var page = Ctx.Context.Render<AbTestsPage>();

        page.WaitForAssertion(() => Assert.Equal(["visible"], Names(page)), Patience);
        Assert.Empty(page.FindAll("#new-ab-test"));
    }

    [Fact]
    public async Task AbTestsPage_ResearcherWithNoPermissionsOnAnExperiment_NotListedThereButMayCreate()
    {
        var hidden = await AbTestSeed.CreateAsync(Ctx.Server, "hidden", "secret");
        await AbTestSeed.CreateAsync(Ctx.Server, "shared", "checkout");
        var rita = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Researcher, "rita@finsight.test", withKey: false);
        await AccessTestUsers.GrantAsync(Ctx.Server, hidden.ExperimentId.ToString(), rita, PermissionLevel.NoPermissions);
        Ctx.SignIn(rita.Principal);

        var page = Ctx.Context.Render<AbTestsPage>();

        page.WaitForAssertion(() => Assert.Equal(["shared"], Names(page)), Patience);
        Assert.DoesNotContain("secret", page.Markup);
        Assert.NotNull(page.Find("#new-ab-test"));
    }

    [Fact]
    public async Task NewAbTest_WeightsNotSummingToOne_MessageWithSumShownInOpenDialog()
    {
        await AccessTestUsers.CreateExperimentAsync(Ctx.Server, "checkout");
        var page = Ctx.Context.Render<AbTestsPage>();

        page.Find("#new-ab-test").Click();
        _dialogs.WaitForElement("#ab-name", Patience).Input("new-ranker");
        _dialogs.FindAll(".variant-weight input")[1].Input("0.4");
        _dialogs.Find("#ab-metric-key").Input("converted");
        _dialogs.Find("#ab-min-sample-size").Input("200");
        _dialogs.WaitForAssertion(() => Assert.Equal("Weights sum to 0.9; they must sum to 1", _dialogs.Find("#ab-weight-sum").TextContent.Trim()), Patience);
        _dialogs.Find("#ab-save").Click();

        _dialogs.WaitForAssertion(() => Assert.StartsWith("The variants' weights sum to 0.9; they must sum to 1",
            _dialogs.Find("#ab-dialog-error").TextContent.Trim()), Patience);
        Assert.NotNull(_dialogs.Find("#ab-name"));
        Assert.Empty(await Reader.ListAsync(Ctx.Server.Admin));
    }

    [Fact]
    public async Task NewAbTest_Valid_CreatedThenItsPageOpensWithThePlan()
    {
        var experimentId = await AccessTestUsers.CreateExperimentAsync(Ctx.Server, "checkout");
        var page = Ctx.Context.Render<AbTestsPage>();

        page.Find("#new-ab-test").Click();
        _dialogs.WaitForElement("#ab-name", Patience).Input("new-ranker");
        _dialogs.Find("#ab-hypothesis").Input("Ranker v2 converts better");
        _dialogs.Find("#ab-metric-key").Input("converted");
        _dialogs.Find("#ab-min-sample-size").Input("200");
        _dialogs.Find("#add-guardrail").Click();
        _dialogs.WaitForElement(".ab-guardrail-fields .metric-key input", Patience).Input("latency_ms");
        _dialogs.Find("#ab-save").Click();

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("#ab-name")), Patience);
        var created = Assert.Single(await Reader.ListAsync(Ctx.Server.Admin));
        Assert.EndsWith($"/ab-tests/{created.TestId}", Navigation.Uri);
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == "A/B test 'new-ranker' created: 200 units per variant planned." && s.Severity == Severity.Success);
        var info = await Reader.GetAsync(Ctx.Server.Admin, created.TestId);
        Assert.Equal((experimentId, "new-ranker", "Ranker v2 converts better", "draft", "control", 200L, 0.05),
            (info.ExperimentId, info.Name, info.Hypothesis, info.Status, info.Control, info.PlannedSampleSize, info.Alpha));
        Assert.Equal([("control", 0.5), ("treatment", 0.5)], info.Variants.Select(v => (v.Name, v.Weight)));
        Assert.Equal([("converted", "binary", "higher", false), ("latency_ms", "binary", "higher", true)],
            info.Metrics.Select(m => (m.Key, m.Type, m.Direction, m.Guardrail)));

        var testPage = Ctx.Context.Render<AbTestPage>(p => p.Add(c => c.TestId, created.TestId));
        testPage.WaitForAssertion(() => Assert.Contains("200 per variant", testPage.Find("#ab-planned").TextContent), Patience);
    }

    [Fact]
    public async Task NewAbTest_DetectableEffect_PlannedSampleSizeFromThePowerAnalysis()
    {
        await AccessTestUsers.CreateExperimentAsync(Ctx.Server, "checkout");
        var page = Ctx.Context.Render<AbTestsPage>();

        page.Find("#new-ab-test").Click();
        _dialogs.WaitForElement("#ab-name", Patience).Input("mde-ranker");
        _dialogs.Find("#ab-metric-key").Input("converted");
        _dialogs.Find("#ab-plan-effect").Click();
        _dialogs.WaitForElement("#ab-metric-baseline", Patience).Input("0.1");
        _dialogs.Find("#ab-mde").Input("0.2");
        _dialogs.Find("#ab-save").Click();

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("#ab-name")), Patience);
        var created = Assert.Single(await Reader.ListAsync(Ctx.Server.Admin));
        var info = await Reader.GetAsync(Ctx.Server.Admin, created.TestId);
        var expected = PowerAnalysis.SampleSizePerVariant(new AbMetric("converted", AbMetricKind.Binary, MetricDirection.Maximize, false, 0.1), 0.2, 0.05, 0.8);
        Assert.Equal((expected, (double?)0.2, (long?)null, 0.8), (info.PlannedSampleSize, info.MinDetectableEffect, info.MinSampleSize, info.Power));
        Assert.Equal(0.1, info.Metrics[0].Baseline);
    }

    [Fact]
    public async Task NewAbTest_ThreeVariantsOneRemoved_CreatedWithTheRest()
    {
        await AccessTestUsers.CreateExperimentAsync(Ctx.Server, "checkout");
        var page = Ctx.Context.Render<AbTestsPage>();
        page.Find("#new-ab-test").Click();
        _dialogs.WaitForElement("#ab-name", Patience).Input("three-way");
        _dialogs.Find("#ab-metric-key").Input("converted");
        _dialogs.Find("#ab-min-sample-size").Input("50");

        _dialogs.Find("#add-variant").Click();
        _dialogs.WaitForAssertion(() => Assert.Equal(3, _dialogs.FindAll(".ab-variant-fields").Count), Patience);
        Assert.Equal("treatment-b", _dialogs.FindAll(".variant-name input")[2].GetAttribute("value"));
        _dialogs.FindAll(".remove-variant")[1].Click();
        _dialogs.WaitForAssertion(() => Assert.Equal(2, _dialogs.FindAll(".ab-variant-fields").Count), Patience);
        _dialogs.FindAll(".variant-weight input")[1].Input("0.5");
        _dialogs.Find("#ab-save").Click();

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("#ab-name")), Patience);
        var info = await Reader.GetAsync(Ctx.Server.Admin, Assert.Single(await Reader.ListAsync(Ctx.Server.Admin)).TestId);
        Assert.Equal([("control", 0.5), ("treatment-b", 0.5)], info.Variants.Select(v => (v.Name, v.Weight)));
    }

    [Fact]
    public async Task NewAbTest_EditTakenAwayBeforeSaving_ServiceRefusalShownInOpenDialog()
    {
        var experimentId = await AccessTestUsers.CreateExperimentAsync(Ctx.Server, "checkout");
        var rita = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Researcher, "rita@finsight.test", withKey: false);
        await AccessTestUsers.GrantAsync(Ctx.Server, experimentId, rita, PermissionLevel.Edit);
        Ctx.SignIn(rita.Principal);
        var page = Ctx.Context.Render<AbTestsPage>();
        page.Find("#new-ab-test").Click();
        _dialogs.WaitForElement("#ab-name", Patience).Input("new-ranker");
        _dialogs.Find("#ab-metric-key").Input("converted");
        _dialogs.Find("#ab-min-sample-size").Input("200");
        Assert.Equal("checkout", _dialogs.Find("#ab-experiment").GetAttribute("value"));

        await AccessTestUsers.GrantAsync(Ctx.Server, experimentId, rita, PermissionLevel.Read);
        _dialogs.Find("#ab-save").Click();

        _dialogs.WaitForAssertion(() => Assert.Contains("EDIT", _dialogs.Find("#ab-dialog-error").TextContent), Patience);
        Assert.NotNull(_dialogs.Find("#ab-name"));
        Assert.Empty(await Reader.ListAsync(Ctx.Server.Admin));
    }

    [Fact]
    public async Task NewAbTest_ResearcherWhoCanEditNoExperiment_ToldWhy()
    {
        await AccessTestUsers.CreateExperimentAsync(Ctx.Server, "checkout");
        var rita = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Researcher, "rita@finsight.test", withKey: false);
        Ctx.SignIn(rita.Principal);
        var page = Ctx.Context.Render<AbTestsPage>();

        page.Find("#new-ab-test").Click();

        _dialogs.WaitForAssertion(() => Assert.Contains("you can edit none yet", _dialogs.Find("#ab-no-experiments").TextContent), Patience);
        _dialogs.Find("#ab-name").Input("new-ranker");
        _dialogs.Find("#ab-save").Click();
        _dialogs.WaitForAssertion(() => Assert.StartsWith("experimentId is required", _dialogs.Find("#ab-dialog-error").TextContent.Trim()), Patience);
    }
}
