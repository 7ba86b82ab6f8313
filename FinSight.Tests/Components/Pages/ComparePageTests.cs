using Bunit;
using FinSight.Client;
using FinSight.Core.Analysis;
using FinSight.Dashboard.Components.Pages;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Ingestion;
using FinSight.Dashboard.Live;
using FinSight.Tests.Integration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Xunit;

namespace FinSight.Tests.Components.Pages;

/// <summary>The compare page rendered by bUnit over a running server's real services, fed by FinSightClient.</summary>
public sealed class ComparePageTests : ServerBackedTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private TrackingReader Reader => Ctx.Server.Services.GetRequiredService<TrackingReader>();
    private LiveMetricsStore Live => Ctx.Server.Services.GetRequiredService<LiveMetricsStore>();

    protected override void OnStarted()
    {
        Ctx.Context.Render<MudPopoverProvider>();
    }

    [Fact]
    public async Task ComparePage_TwoRuns_ChartsRankingsBarsParcoordsAndParams()
    {
        var (good, bad) = await TwoFinishedRunsAsync();

        var page = Compare(good.RunId, bad.RunId);

        var header = page.Find("#compare-runs");
        Assert.Contains("good", header.TextContent);
        Assert.Contains("FINISHED", header.TextContent);
        Assert.Contains("fx", header.TextContent);
        Assert.Equal($"/runs/{good.RunId}", header.QuerySelector($"[data-run-id='{good.RunId}'] a")!.GetAttribute("href"));
        var chart = Chart(page, "compare-chart-train_loss");
        Assert.Equal(["good", "bad"], chart.Data.Cast<Scatter>().Select(t => t.Name));
        Assert.Equal(10, chart.Data.Cast<Scatter>().First().X.Count);
        Assert.NotNull(Chart(page, "compare-chart-val_loss"));
        Assert.DoesNotContain(page.FindComponents<PlotlyChart>(), c => c.Instance.Id == "compare-chart-accuracy");
        Assert.Equal([good.RunId, bad.RunId], RankedRunIds(page, "train_loss"));
        Assert.Equal("lower", page.Find("#rankings-train_loss").GetAttribute("data-direction"));
        var bars = Chart(page, "compare-bars");
        Assert.Equal(["good", "bad"], bars.Data.Cast<Bar>().Select(b => b.Name));
        Assert.Equal(["train_loss", "val_loss"], bars.Data.Cast<Bar>().First().X.Cast<string>());
        var parcoords = (ParCoords)Assert.Single(Chart(page, "compare-parcoords").Data);
        Assert.Equal(["lr", "optimizer", "train_loss (best)"], parcoords.Dimensions.Select(d => d.Label));
        Assert.Equal(["adam", "sgd"], parcoords.Dimensions[1].TickText.Cast<string>());
        var lr = page.Find("#compare-params tr[data-param='lr']");
        Assert.Contains("param-differs", lr.ClassName);
        Assert.Contains("param-same", page.Find("#compare-params tr[data-param='seed']").ClassName);
    }

    [Fact]
    public async Task ComparePage_OnlyDifferences_HidesParamsAllRunsShare()
    {
        var (good, bad) = await TwoFinishedRunsAsync();
        var page = Compare(good.RunId, bad.RunId);

        page.Find("input#only-differences").Change(true);

        Assert.Equal(["lr", "optimizer"], page.FindAll("#compare-params tbody tr").Select(r => r.GetAttribute("data-param")));
    }

    [Fact]
    public async Task ComparePage_BestOrLast_RankingFollowsTheToggle()
    {
        // "spiky" reached the lowest loss once but ended worse than "steady".
        var spiky = await Client.StartRunAsync("toggle", "spiky");
        var steady = await Client.StartRunAsync("toggle", "steady");
        spiky.LogMetric("train_loss", 0.1, 0);
        spiky.LogMetric("train_loss", 0.9, 1);
        steady.LogMetric("train_loss", 0.5, 0);
        steady.LogMetric("train_loss", 0.4, 1);
        await spiky.EndAsync();
        await steady.EndAsync();
        var page = Compare(spiky.RunId, steady.RunId);
        Assert.Equal([spiky.RunId, steady.RunId], RankedRunIds(page, "train_loss"));

        page.Find("#aggregate-last").Click();

        Assert.Equal([steady.RunId, spiky.RunId], RankedRunIds(page, "train_loss"));
        Assert.Equal(["0.4", "0.9"], page.FindAll("#rankings-train_loss .ranking-value").Select(c => c.TextContent.Trim()));
        Assert.Equal([0.9, 0.4], Chart(page, "compare-bars").Data.Cast<Bar>().Select(b => (double)b.Y[0]));
    }

    [Fact]
    public async Task FlipDirection_LossToHigherIsBetter_ReordersAndPersistsForTheExperiment()
    {
        var (good, bad) = await TwoFinishedRunsAsync();
        var page = Compare(good.RunId, bad.RunId);

        page.Find("#rankings-train_loss button.flip-direction").Click();

        page.WaitForAssertion(() => Assert.Equal([bad.RunId, good.RunId], RankedRunIds(page, "train_loss")), Patience);
        Assert.Equal("higher", page.Find("#rankings-train_loss").GetAttribute("data-direction"));
        Assert.Contains(Ctx.Context.Services.GetRequiredService<ISnackbar>().ShownSnackbars,
            s => s.Message == "train_loss: higher is better now, saved for experiment 'fx'." && s.Severity == Severity.Success);
        Assert.Equal(MetricDirection.Maximize, (await Reader.GetMetricDirectionsAsync(Ctx.Server.Admin, good.ExperimentId))["train_loss"]);
        Assert.Equal([good.RunId, bad.RunId], RankedRunIds(page, "val_loss"));

        var reopened = Compare(good.RunId, bad.RunId);
        Assert.Equal([bad.RunId, good.RunId], RankedRunIds(reopened, "train_loss"));
        Assert.Contains("(saved)", reopened.Find("#rankings-train_loss .direction-label").TextContent);

        reopened.Find("#rankings-train_loss button.flip-direction").Click();
        reopened.WaitForAssertion(() => Assert.Equal([good.RunId, bad.RunId], RankedRunIds(reopened, "train_loss")), Patience);
        Assert.Empty(await Reader.GetMetricDirectionsAsync(Ctx.Server.Admin, good.ExperimentId));
    }

    [Theory]
    [InlineData(null, "No runs to compare: the address names none.")]
    [InlineData("0123456789abcdef0123456789abcdef", "Only one run named (0123456789abcdef0123456789abcdef); compare needs at least 2.")]
    [InlineData("0123456789abcdef0123456789abcdef,not-a-run", "'not-a-run' is not a run id; run ids are 32 lowercase hex characters.")]
    public void ComparePage_BadRunIds_SaysWhatIsWrong(string? runIds, string expected)
    {
        var page = Open(runIds);

        Assert.Equal(expected, page.Find("#compare-problem").TextContent.Trim());
        Assert.Empty(page.FindComponents<PlotlyChart>());
    }

    [Fact]
    public void ComparePage_TwentyOneRuns_RefusedNamingTheLimit()
    {
        var ids = Enumerable.Range(0, 21).Select(i => i.ToString("x32"));

        var page = Open(string.Join(',', ids));

        Assert.Equal("21 runs named; at most 20 can be compared at once.", page.Find("#compare-problem").TextContent.Trim());
    }

    [Fact]
    public async Task ComparePage_UnknownRunId_NamesIt()
    {
        var (good, _) = await TwoFinishedRunsAsync();
        const string unknown = "ffffffffffffffffffffffffffffffff";

        var page = Compare(good.RunId, unknown);

        Assert.Equal($"No run has the id '{unknown}'.", page.Find("#compare-problem").TextContent.Trim());
    }

    [Fact]
    public async Task ComparePage_RunsFromTwoExperiments_SaysDirectionsUseTheFirstRunsExperiment()
    {
        var a = await Client.StartRunAsync("first-exp", "a");
        var b = await Client.StartRunAsync("second-exp", "b");

        var page = Compare(a.RunId, b.RunId);

        Assert.Contains("saved to the first run's experiment, 'first-exp'", page.Find("#direction-source").TextContent);
    }

    [Fact]
    public async Task ComparePage_RunningRunEnds_StatusAndRankingRefreshLive()
    {
        var running = await Client.StartRunAsync("live", "running");
        var other = await Client.StartRunAsync("live", "other");
        running.LogMetric("train_loss", 0.9, 0);
        other.LogMetric("train_loss", 0.5, 0);
        await running.FlushAsync();
        await other.EndAsync();
        var page = Compare(running.RunId, other.RunId);
        Assert.Contains("RUNNING", page.Find($"#compare-runs [data-run-id='{running.RunId}']").TextContent);

        running.LogMetric("train_loss", 0.1, 1);
        await running.EndAsync();

        page.WaitForAssertion(() =>
        {
            Assert.Contains("FINISHED", page.Find($"#compare-runs [data-run-id='{running.RunId}']").TextContent);
            Assert.Equal([running.RunId, other.RunId], RankedRunIds(page, "train_loss"));
            Assert.Equal(2, Chart(page, "compare-chart-train_loss").Data.Cast<Scatter>().First().X.Count);
        }, Patience);
    }

    [Fact]
    public async Task ComparePage_Disposed_SubscriptionsReleased()
    {
        var running = await Client.StartRunAsync("subs", "running");
        running.LogMetric("train_loss", 1, 0);
        await running.FlushAsync();
        var done = await Client.StartRunAsync("subs", "done");
        done.LogMetric("train_loss", 1, 0);
        await done.EndAsync();
        var before = Live.ActiveSubscriptions;

        var page = Compare(running.RunId, done.RunId);
        Assert.True(Live.ActiveSubscriptions > before, "the page should listen for changes while open");
        page.Instance.Dispose();
        foreach (var chart in page.FindComponents<FinSight.Dashboard.Components.Charts.CompareMetricChart>()) chart.Instance.Dispose();

        Assert.Equal(before, Live.ActiveSubscriptions);
    }

    private IRenderedComponent<ComparePage> Compare(params string[] runIds) => Open(string.Join(',', runIds));

    /// <summary>Navigates to the page's address first: the page reads its run ids from the query, as in the browser.</summary>
    private IRenderedComponent<ComparePage> Open(string? runIds)
    {
        Ctx.Context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>()
            .NavigateTo(runIds is null ? "/compare" : $"/compare?runIds={Uri.EscapeDataString(runIds)}");
        return Ctx.Context.Render<ComparePage>();
    }

    private static PlotlyChart Chart(IRenderedComponent<ComparePage> page, string id) =>
        page.FindComponents<PlotlyChart>().Single(c => c.Instance.Id == id).Instance;

    private static List<string?> RankedRunIds(IRenderedComponent<ComparePage> page, string key) =>
        page.FindAll($"#rankings-{key} tbody tr").Select(r => r.GetAttribute("data-run-id")).ToList();

    /// <summary>"good" has the lower losses and the higher accuracy; params differ in lr and optimizer, not seed.</summary>
    private async Task<(FinSight.Client.FinSightRun Good, FinSight.Client.FinSightRun Bad)> TwoFinishedRunsAsync()
    {
        var good = await Client.StartRunAsync("fx", "good", new Dictionary<string, string> { ["lr"] = "0.001", ["optimizer"] = "adam", ["seed"] = "7" });
        var bad = await Client.StartRunAsync("fx", "bad", new Dictionary<string, string> { ["lr"] = "0.1", ["optimizer"] = "sgd", ["seed"] = "7" });
        for (var step = 0; step < 10; step++)
        {
            good.LogMetrics(new Dictionary<string, double> { ["train_loss"] = 1.0 / (step + 1), ["val_loss"] = 1.2 / (step + 1), ["accuracy"] = 0.5 + step * 0.04 }, step);
            bad.LogMetrics(new Dictionary<string, double> { ["train_loss"] = 2.0 / (step + 1), ["val_loss"] = 2.4 / (step + 1), ["accuracy"] = 0.4 + step * 0.02 }, step);
        }
        await good.EndAsync();
        await bad.EndAsync();
        return (good, bad);
    }
}
