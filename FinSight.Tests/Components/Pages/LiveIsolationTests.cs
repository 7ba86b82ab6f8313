using Bunit;
using FinSight.Client;
using FinSight.Core.Access;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Components.Charts;
using FinSight.Dashboard.Components.Pages;
using FinSight.Tests.Integration;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Xunit;

namespace FinSight.Tests.Components.Pages;

/// <summary>
/// What a researcher sees while training code logs to two experiments: they have NO_PERMISSIONS on "secret-alpha"
/// (A) and READ on "open-beta" (B). Real clients log through the hub into the real live store; the pages, rendered
/// as the researcher, must show B's runs, points and status changes as they happen and nothing at all of A: no
/// names, ids, counts or chart data, and A's own pages say the researcher has no access instead of showing data.
/// Each test waits for a B event that happened after A's events, so A's would have arrived by then if they leaked.
/// The last two take READ on A away while its pages are open: no point logged after that reaches a chart.
/// </summary>
public sealed class LiveIsolationTests : ServerBackedTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private const string HiddenExperiment = "secret-alpha";
    private const string SharedExperiment = "open-beta";
    /// <summary>Every value A logs is at least this; B's are below 1, so any such number on a page came from A.</summary>
    private const double HiddenValues = 700;

    private string _hiddenId = "";
    /// <summary>The researcher the pages render as.</summary>
    private TestUser? _researcher;
    private string _sharedId = "";
    private FinSightClient _writer = null!;
    private readonly List<string> _hiddenRunIds = [];

    /// <summary>The two experiments, the researcher (rendering as them from now on) and a writer logging as the admin.</summary>
    private async Task SetUpAsync()
    {
        _hiddenId = await AccessTestUsers.CreateExperimentAsync(Ctx.Server, HiddenExperiment);
        _sharedId = await AccessTestUsers.CreateExperimentAsync(Ctx.Server, SharedExperiment);
        var researcher = _researcher = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Researcher);
        await AccessTestUsers.GrantAsync(Ctx.Server, _hiddenId, researcher, PermissionLevel.NoPermissions);
        await AccessTestUsers.GrantAsync(Ctx.Server, _sharedId, researcher, PermissionLevel.Read);
        Ctx.SignIn(researcher.Principal); // before anything renders: bUnit takes no services after that
        Ctx.Context.Render<MudPopoverProvider>();
        _writer = Client;
    }

    private async Task<FinSightRun> StartHiddenAsync(string name)
    {
        var run = await _writer.StartRunAsync(HiddenExperiment, name, new Dictionary<string, string> { ["alpha_param"] = "alpha-value" });
        _hiddenRunIds.Add(run.RunId);
        return run;
    }

    private Task<FinSightRun> StartSharedAsync(string name) =>
        _writer.StartRunAsync(SharedExperiment, name, new Dictionary<string, string> { ["beta_param"] = "beta-value" });

    private static Task LogHiddenAsync(FinSightRun run, params long[] steps) =>
        ServerBackedContext.LogAsync(run, steps, ("train_loss", s => HiddenValues + s), ("val_loss", s => HiddenValues + 1 + s));

    private static Task LogSharedAsync(FinSightRun run, params long[] steps) =>
        ServerBackedContext.LogAsync(run, steps, ("train_loss", s => 0.5 / (s + 1)), ("val_loss", s => 0.6 / (s + 1)));

    /// <summary>A finished run in A and one in B before any page opens, so A has history to leak too.</summary>
    private async Task<(FinSightRun Hidden, FinSightRun Shared)> HistoryAsync()
    {
        var hidden = await StartHiddenAsync("alpha-old");
        await LogHiddenAsync(hidden, 0, 1, 2);
        await hidden.EndAsync();
        var shared = await StartSharedAsync("beta-old");
        await LogSharedAsync(shared, 0, 1, 2);
        await shared.EndAsync();
        return (hidden, shared);
    }

    /// <summary>
    /// Nothing that names or comes from A: markup, chart components and every number sent to Plotly (from
    /// <paramref name="valuesFrom"/> up: tests that take access away mid-way let A's earlier values through).
    /// </summary>
    private void AssertNothingOfHidden<TPage>(IRenderedComponent<TPage> page, double valuesFrom = HiddenValues) where TPage : class, IComponent
    {
        var markup = page.Markup;
        foreach (var secret in new[] { HiddenExperiment, "alpha-", "alpha_param" }.Concat(_hiddenRunIds))
            Assert.DoesNotContain(secret, markup);
        Assert.DoesNotContain(page.FindComponents<MetricChart>(), c => _hiddenRunIds.Contains(c.Instance.RunId));
        Assert.DoesNotContain(page.FindComponents<LiveSparkline>(), c => _hiddenRunIds.Contains(c.Instance.RunId));
        Assert.DoesNotContain(page.FindComponents<CompareMetricChart>(), c => c.Instance.Runs.Any(r => _hiddenRunIds.Contains(r.RunId)));
        AssertNoHiddenValues(page, valuesFrom);
    }

    /// <summary>No number from <paramref name="valuesFrom"/> up (A's) was drawn in a chart or sent to Plotly.</summary>
    private void AssertNoHiddenValues<TPage>(IRenderedComponent<TPage> page, double valuesFrom) where TPage : class, IComponent
    {
        var drawn = page.FindComponents<PlotlyChart>().SelectMany(c => c.Instance.Data.OfType<Scatter>()).SelectMany(t => t.Y ?? []).OfType<double>();
        var extended = Ctx.Context.JSInterop.Invocations.Where(i => i.Identifier == "extendTraces")
            .SelectMany(i => (IEnumerable<IEnumerable<object>>)i.Arguments[2]!).SelectMany(ys => ys).OfType<double>();
        Assert.DoesNotContain(drawn.Concat(extended), v => v >= valuesFrom);
    }

    [Fact]
    public async Task Overview_SeesOnlyTheSharedExperimentsRunsPointsAndStatusChanges()
    {
        await SetUpAsync();
        await HistoryAsync();
        var page = Ctx.Context.Render<Home>();
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("#count-finished .count-value").TextContent), Patience);

        var hidden = await StartHiddenAsync("alpha-live");
        await LogHiddenAsync(hidden, 0, 1, 2, 3, 4);
        var shared = await StartSharedAsync("beta-live");
        await LogSharedAsync(shared, 0, 1, 2, 3, 4);

        page.WaitForAssertion(() =>
        {
            Assert.Equal("1", page.Find("#count-running .count-value").TextContent);
            var row = page.Find($"#active-runs tr[data-run='{shared.RunId}']");
            Assert.Equal("5", row.QuerySelector("svg")!.GetAttribute("data-points"));
        }, Patience);
        Assert.Single(page.FindAll("#active-runs tr.active-run"));
        Assert.Equal(shared.RunId, page.FindComponent<MetricChart>().Instance.RunId);
        AssertNothingOfHidden(page);

        // More points and an end in A, then B's end: once B's shows, A's would have.
        await LogHiddenAsync(hidden, 5, 6, 7);
        await hidden.EndAsync(RunStatus.Failed);
        await LogSharedAsync(shared, 5, 6);
        await shared.EndAsync();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("0", page.Find("#count-running .count-value").TextContent);
            Assert.Equal("2", page.Find("#count-finished .count-value").TextContent);
            Assert.Contains("FINISHED", page.Find($"#recent-runs tr[data-run='{shared.RunId}']").TextContent);
        }, Patience);
        Assert.Equal("0", page.Find("#count-failed .count-value").TextContent);
        Assert.Equal(2, page.FindAll("#recent-runs tr[data-run]").Count);
        Assert.All(page.FindAll("#top-runs tr.top-run"), row => Assert.Contains("beta-", row.TextContent));
        AssertNothingOfHidden(page);
    }

    [Fact]
    public async Task ExperimentsPage_ListsOnlyTheSharedExperiment_WithItsLiveCounts()
    {
        await SetUpAsync();
        await HistoryAsync();
        var page = Ctx.Context.Render<ExperimentsPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("#experiments-grid tbody tr a.experiment-link")), Patience);

        var hidden = await StartHiddenAsync("alpha-live");
        await LogHiddenAsync(hidden, 0, 1);
        var shared = await StartSharedAsync("beta-live");

        page.WaitForAssertion(() => Assert.Equal("1", page.Find("#experiments-grid tbody tr .running-count").TextContent.Trim()), Patience);
        var names = page.FindAll("#experiments-grid tbody tr a.experiment-link").Select(a => a.TextContent.Trim());
        Assert.Equal([SharedExperiment], names);
        AssertNothingOfHidden(page);

        await hidden.EndAsync();
        await shared.EndAsync();
        page.WaitForAssertion(() => Assert.Equal("0", page.Find("#experiments-grid tbody tr .running-count").TextContent.Trim()), Patience);
        Assert.Contains("2", page.FindAll("#experiments-grid tbody tr td").Select(td => td.TextContent.Trim())); // B's two runs
        AssertNothingOfHidden(page);
    }

    [Fact]
    public async Task ExperimentPage_OfTheHiddenExperiment_SaysThereIsNoAccess_WhileTheSharedOnesFollowsLive()
    {
        await SetUpAsync();
        await HistoryAsync();
        var hiddenPage = Ctx.Context.Render<ExperimentPage>(p => p.Add(c => c.ExperimentId, _hiddenId));
        var sharedPage = Ctx.Context.Render<ExperimentPage>(p => p.Add(c => c.ExperimentId, _sharedId));
        hiddenPage.WaitForAssertion(() => Assert.Contains("You need READ permission", hiddenPage.Find("#page-forbidden").TextContent), Patience);
        sharedPage.WaitForAssertion(() => Assert.Contains("1 finished", sharedPage.Find("#run-counts").TextContent), Patience);

        var hidden = await StartHiddenAsync("alpha-live");
        await LogHiddenAsync(hidden, 0, 1);
        await hidden.EndAsync();
        var shared = await StartSharedAsync("beta-live");

        sharedPage.WaitForAssertion(() => Assert.Contains("1 running", sharedPage.Find("#run-counts").TextContent), Patience);
        Assert.Contains("You need READ permission", hiddenPage.Find("#page-forbidden").TextContent);
        Assert.Empty(hiddenPage.FindAll("#run-counts"));
        Assert.Empty(hiddenPage.FindAll("#experiment-name"));
        AssertNothingOfHidden(hiddenPage);
        await shared.EndAsync();
        sharedPage.WaitForAssertion(() => Assert.Contains("2 finished", sharedPage.Find("#run-counts").TextContent), Patience);
        Assert.NotNull(hiddenPage.Find("#page-forbidden"));
    }

    [Fact]
    public async Task RunPage_OfAHiddenRun_SaysThereIsNoAccess_AndNeverCharts_WhileASharedRunsPageFollowsLive()
    {
        await SetUpAsync();
        var hidden = await StartHiddenAsync("alpha-live");
        await LogHiddenAsync(hidden, 0, 1);
        var shared = await StartSharedAsync("beta-live");
        await LogSharedAsync(shared, 0, 1);
        var hiddenPage = Ctx.Context.Render<RunPage>(p => p.Add(c => c.RunId, hidden.RunId));
        var sharedPage = Ctx.Context.Render<RunPage>(p => p.Add(c => c.RunId, shared.RunId));
        hiddenPage.WaitForAssertion(() => Assert.Contains("You need READ permission", hiddenPage.Find("#page-forbidden").TextContent), Patience);
        sharedPage.WaitForAssertion(() => Assert.Equal("beta-live", sharedPage.Find("#run-name").TextContent), Patience);

        await LogHiddenAsync(hidden, 2, 3, 4);
        await hidden.EndAsync(RunStatus.Failed);
        await LogSharedAsync(shared, 2, 3);
        await shared.EndAsync();

        sharedPage.WaitForAssertion(() => Assert.Equal("FINISHED", sharedPage.Find(".run-status").GetAttribute("data-status")), Patience);
        Assert.Empty(hiddenPage.FindAll(".run-status"));
        Assert.Empty(hiddenPage.FindComponents<MetricChart>());
        Assert.Contains("You need READ permission", hiddenPage.Find("#page-forbidden").TextContent);
        AssertNothingOfHidden(hiddenPage);
        AssertNothingOfHidden(sharedPage);
    }

    [Fact]
    public async Task ComparePage_WithHiddenRuns_SaysThereIsNoAccess_WhileComparingSharedRunsFollowsLive()
    {
        await SetUpAsync();
        var (hiddenOld, sharedOld) = await HistoryAsync();
        var hidden = await StartHiddenAsync("alpha-live");
        await LogHiddenAsync(hidden, 0, 1);
        var shared = await StartSharedAsync("beta-live");
        await LogSharedAsync(shared, 0, 1);
        var witnessRun = await StartSharedAsync("beta-witness");
        var witness = Ctx.Context.Render<RunPage>(p => p.Add(c => c.RunId, witnessRun.RunId));

        // One page, as in the browser: its address (and so its runs) changes with navigation.
        var page = Compare(shared.RunId, hidden.RunId);
        page.WaitForAssertion(() => Assert.Contains("You need READ permission", page.Find("#page-forbidden").TextContent), Patience);

        await LogHiddenAsync(hidden, 2, 3);
        await hidden.EndAsync();
        await LogSharedAsync(shared, 2, 3);
        await witnessRun.EndAsync();
        witness.WaitForAssertion(() => Assert.Equal("FINISHED", witness.Find(".run-status").GetAttribute("data-status")), Patience);
        Assert.Empty(page.FindAll("#compare-runs"));
        Assert.Contains("You need READ permission", page.Find("#page-forbidden").TextContent);
        AssertNothingOfHidden(page);

        Navigate(hiddenOld.RunId, hidden.RunId);
        page.WaitForAssertion(() => Assert.Contains("You need READ permission", page.Find("#page-forbidden").TextContent), Patience);
        AssertNothingOfHidden(page);

        Navigate(sharedOld.RunId, shared.RunId);
        page.WaitForAssertion(() => Assert.Contains("RUNNING", page.Find($"#compare-runs [data-run-id='{shared.RunId}']").TextContent), Patience);
        Assert.Empty(page.FindAll("#page-forbidden"));
        await LogSharedAsync(shared, 4, 5);
        await shared.EndAsync();
        page.WaitForAssertion(() => Assert.Contains("FINISHED", page.Find($"#compare-runs [data-run-id='{shared.RunId}']").TextContent), Patience);
        AssertNothingOfHidden(page);
    }

    private void Navigate(params string[] runIds) =>
        Ctx.Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"/compare?runIds={string.Join(',', runIds)}");

    private IRenderedComponent<ComparePage> Compare(params string[] runIds)
    {
        Navigate(runIds);
        return Ctx.Context.Render<ComparePage>();
    }

    /// <summary>A's values logged after access was taken away: from 800 up.</summary>
    private const double AfterRevocation = HiddenValues + 100;

    [Fact]
    public async Task AccessTakenAwayWhileOpen_RunExperimentAndComparePagesSayThereIsNoAccessAtTheNextChange()
    {
        await SetUpAsync();
        await AccessTestUsers.GrantAsync(Ctx.Server, _hiddenId, _researcher!, PermissionLevel.Read);
        var hiddenOld = await StartHiddenAsync("alpha-old");
        await LogHiddenAsync(hiddenOld, 0);
        await hiddenOld.EndAsync();
        var hidden = await StartHiddenAsync("alpha-live");
        await LogHiddenAsync(hidden, 0, 1);
        var runPage = Ctx.Context.Render<RunPage>(p => p.Add(c => c.RunId, hidden.RunId));
        var experimentPage = Ctx.Context.Render<ExperimentPage>(p => p.Add(c => c.ExperimentId, _hiddenId));
        var comparePage = Compare(hiddenOld.RunId, hidden.RunId);
        runPage.WaitForAssertion(() => Assert.Equal("alpha-live", runPage.Find("#run-name").TextContent), Patience);
        experimentPage.WaitForAssertion(() => Assert.Equal(HiddenExperiment, experimentPage.Find("#experiment-name").TextContent), Patience);
        comparePage.WaitForAssertion(() => Assert.NotNull(comparePage.Find("#compare-runs")), Patience);

        await AccessTestUsers.GrantAsync(Ctx.Server, _hiddenId, _researcher!, PermissionLevel.NoPermissions);
        await LogHiddenAsync(hidden, 100, 101);
        await hidden.EndAsync();

        runPage.WaitForAssertion(() => Assert.Contains("You need READ permission", runPage.Find("#page-forbidden").TextContent), Patience);
        experimentPage.WaitForAssertion(() => Assert.Contains("You need READ permission", experimentPage.Find("#page-forbidden").TextContent), Patience);
        comparePage.WaitForAssertion(() => Assert.Contains("You need READ permission", comparePage.Find("#page-forbidden").TextContent), Patience);
        Assert.Empty(runPage.FindComponents<MetricChart>());
        AssertNothingOfHidden(runPage, AfterRevocation);
        AssertNothingOfHidden(experimentPage, AfterRevocation);
        AssertNothingOfHidden(comparePage, AfterRevocation);
    }

    [Fact]
    public async Task AccessTakenAwayWhileOpen_OverviewChartsOfTheHiddenRunGetNoMorePoints()
    {
        await SetUpAsync();
        await AccessTestUsers.GrantAsync(Ctx.Server, _hiddenId, _researcher!, PermissionLevel.Read);
        var hidden = await StartHiddenAsync("alpha-live");
        await LogHiddenAsync(hidden, 0, 1, 2, 3, 4);
        var page = Ctx.Context.Render<Home>();
        page.WaitForAssertion(() =>
        {
            Assert.Equal("5", page.Find($"#active-runs tr[data-run='{hidden.RunId}'] svg").GetAttribute("data-points"));
            Assert.Equal(hidden.RunId, page.FindComponent<MetricChart>().Instance.RunId);
        }, Patience);
        var subscriptions = Ctx.Live.ActiveSubscriptions;

        await AccessTestUsers.GrantAsync(Ctx.Server, _hiddenId, _researcher!, PermissionLevel.NoPermissions);
        await LogHiddenAsync(hidden, 100, 101, 102);

        // The run's sparkline and chart hear of the points, find the viewer may no longer read the run, and let go:
        // one series for the sparkline, two for the chart (train and validation loss; the store counts each series).
        await Eventually.AssertAsync(() => Assert.Equal(subscriptions - 3, Ctx.Live.ActiveSubscriptions), Patience);
        Assert.Equal("5", page.Find($"#active-runs tr[data-run='{hidden.RunId}'] svg").GetAttribute("data-points"));
        AssertNoHiddenValues(page, AfterRevocation);
        // The next run change anywhere refreshes the lists: the run leaves them.
        var shared = await StartSharedAsync("beta-live");
        page.WaitForAssertion(() => Assert.NotNull(page.Find($"#active-runs tr[data-run='{shared.RunId}']")), Patience);
        Assert.Empty(page.FindAll($"#active-runs tr[data-run='{hidden.RunId}']"));
        AssertNothingOfHidden(page);
    }
}
