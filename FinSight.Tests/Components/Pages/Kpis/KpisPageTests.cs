using Bunit;
using FinSight.Core.Access;
using FinSight.Core.Analysis.Kpis;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Components.Charts;
using FinSight.Dashboard.Components.Pages.Kpis;
using FinSight.Dashboard.Data;
using FinSight.Tests.Integration;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using Xunit;

namespace FinSight.Tests.Components.Pages.Kpis;

/// <summary>The team KPI page rendered by bUnit over a running server's services, with runs seeded at chosen times and the page's clock fixed.</summary>
public sealed class KpisPageTests : ServerBackedTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new(KpiSeed.Now);
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;

    private KpiSeed Seed => new(Ctx.Server);

    protected override void OnStarted()
    {
        Ctx.Context.Services.AddSingleton(Ctx.Server.Services.GetRequiredService<KpiReader>());
        Ctx.Context.Services.AddSingleton<TimeProvider>(_time);
        _popovers = Ctx.Context.Render<MudPopoverProvider>();
    }

    /// <summary>
    /// Two experiments. fx: created 60 days ago; a run 40 days ago (val_loss 0.6, before every window), then a (2 days ago,
    /// finished after 1 h, best 0.5, two GPUs sampled over 1.5 h) and b (3 days ago, finished after 4 h, best 0.3). rates:
    /// created 10 days ago; c (10 days ago, failed after 2 h, 0.7) and d (1 day ago, running, 0.6).
    /// </summary>
    private async Task<(string Fx, string Rates)> SeedTwoExperimentsAsync()
    {
        var fx = await Seed.ExperimentAsync("fx", TimeSpan.FromDays(60));
        var rates = await Seed.ExperimentAsync("rates", TimeSpan.FromDays(10));
        await Seed.RunAsync(fx, "old", TimeSpan.FromDays(40), TimeSpan.FromHours(1), metrics: [("val_loss", [0.9, 0.6])]);
        await Seed.RunAsync(fx, "a", TimeSpan.FromDays(2), TimeSpan.FromHours(1), metrics: [("val_loss", [0.9, 0.5])], gpus: 2, gpuSpan: TimeSpan.FromHours(1.5));
        await Seed.RunAsync(fx, "b", TimeSpan.FromDays(3), TimeSpan.FromHours(4), metrics: [("val_loss", [0.8, 0.3]), ("val_accuracy", [0.5, 0.8])]);
        await Seed.RunAsync(rates, "c", TimeSpan.FromDays(10), TimeSpan.FromHours(2), RunStatus.Failed, metrics: [("val_loss", [0.7])]);
        await Seed.RunAsync(rates, "d", TimeSpan.FromDays(1), null, metrics: [("val_loss", [0.6]), ("val_accuracy", [0.9])]);
        return (fx, rates);
    }

    [Fact]
    public async Task KpisPage_ThirtyDays_TilesCountRatesDurationsMetricAndGpuHours()
    {
        await SeedTwoExperimentsAsync();

        var page = Ctx.Context.Render<KpisPage>();

        page.WaitForAssertion(() => Assert.Equal("4", Value(page, "kpi-runs")), Patience);
        Assert.Equal("2", Value(page, "kpi-experiments"));
        Assert.Contains("1 created in the window", Note(page, "kpi-experiments"));
        Assert.Contains("3 ended, 1 still running", Note(page, "kpi-runs"));
        // 2 finished of 3 ended (c failed); d still running is left out
        Assert.Equal("66.7 %", Value(page, "kpi-success-rate"));
        // durations 1 h, 4 h, 2 h: median 2 h, mean 7/3 h = 2 h 20 min
        Assert.Equal("2h 0m", Value(page, "kpi-median-duration"));
        Assert.Equal("2h 20m", Value(page, "kpi-mean-duration"));
        // val_loss by default; each run's best: 0.5, 0.3, 0.7, 0.6 (the run 40 days ago is outside): best 0.3, mean 2.1 / 4 = 0.525
        Assert.Equal("0.3", Value(page, "kpi-metric-best"));
        Assert.Equal("0.525", Value(page, "kpi-metric-average"));
        Assert.Contains("lower is better", Note(page, "kpi-metric-best"));
        // a: 2 GPUs × 1.5 h = 3.0; the other runs logged no GPU metric and count 0
        Assert.Equal("3.0", Value(page, "kpi-gpu-hours"));
        Assert.Contains("1 of 4 runs", Note(page, "kpi-gpu-hours"));
        Assert.Contains("runs without GPU metrics count 0", page.Find("#kpi-gpu-definition").TextContent);
        Assert.NotNull(page.Find("#kpi-runs-per-day"));
        Assert.NotNull(page.Find("#kpi-success-per-week"));
    }

    [Fact]
    public async Task KpisPage_Charts_EveryDayOfTheWindowAndSuccessPerIsoWeek()
    {
        await SeedTwoExperimentsAsync();

        var page = Ctx.Context.Render<KpisPage>();

        page.WaitForAssertion(() => Assert.Equal("4", Value(page, "kpi-runs")), Patience);
        // 2026-05-16 12:00 to 2026-06-15 12:00 touches 31 UTC days; b (Fri 06-12), a (Sat 06-13) and d (Sun 06-14) are in
        // ISO week 24, c (Fri 06-05, failed) in week 23
        var days = page.FindComponent<KpiRunsPerDayChart>().Instance.Days;
        Assert.Equal(31, days.Count);
        Assert.Equal(new RunOutcomes(1, 0, 0, 0), days.Single(d => d.Day == new DateOnly(2026, 6, 13)).Outcomes);
        Assert.Equal(new RunOutcomes(0, 0, 0, 1), days.Single(d => d.Day == new DateOnly(2026, 6, 14)).Outcomes);
        var weeks = page.FindComponent<KpiSuccessPerWeekChart>().Instance.Weeks;
        Assert.Equal(0.0, weeks.Single(w => w.Label == "2026-W23").Outcomes.SuccessRate);
        Assert.Equal(1.0, weeks.Single(w => w.Label == "2026-W24").Outcomes.SuccessRate);
        Assert.Null(weeks.Single(w => w.Label == "2026-W25").Outcomes.SuccessRate);
    }

    [Fact]
    public async Task KpisPage_MostImproved_AgainstTheBestBeforeOrTheFirstRunInTheWindow()
    {
        var (fx, rates) = await SeedTwoExperimentsAsync();

        var page = Ctx.Context.Render<KpisPage>();

        // fx: best before 0.6, best in the window 0.3: (0.6 − 0.3) / 0.6 = +50 %. rates: nothing before; first run c 0.7,
        // best 0.6: (0.7 − 0.6) / 0.7 = +14.3 %.
        page.WaitForAssertion(() => Assert.Equal([fx, rates], page.FindAll("#kpi-most-improved tr.kpi-improved").Select(r => r.GetAttribute("data-experiment"))), Patience);
        var rows = page.FindAll("#kpi-most-improved tr.kpi-improved");
        Assert.Equal("+50.0 %", rows[0].QuerySelector(".kpi-improvement")!.TextContent.Trim());
        Assert.Equal($"/experiments/{fx}", rows[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("best before", rows[0].TextContent);
        Assert.Equal("+14.3 %", rows[1].QuerySelector(".kpi-improvement")!.TextContent.Trim());
        Assert.Contains("first run in window", rows[1].TextContent);
    }

    [Fact]
    public async Task KpisPage_SevenDaysChosen_RunsOfTheLastWeekOnly()
    {
        await SeedTwoExperimentsAsync();
        var page = Ctx.Context.Render<KpisPage>();
        page.WaitForAssertion(() => Assert.Equal("4", Value(page, "kpi-runs")), Patience);

        page.Find("#kpi-window-7").Click();

        // a, b and d (c, 10 days ago, drops out): both ended runs finished; durations 1 h and 4 h
        page.WaitForAssertion(() => Assert.Equal("3", Value(page, "kpi-runs")), Patience);
        Assert.Equal("100.0 %", Value(page, "kpi-success-rate"));
        Assert.Equal("2h 30m", Value(page, "kpi-median-duration"));
        Assert.Equal("0.4667", Value(page, "kpi-metric-average"));
        Assert.Equal("0", page.Find("#kpi-experiments .kpi-note").TextContent.Split(' ')[0]);
        // rates now has a run before the window (c, 0.7): (0.7 − 0.6) / 0.7, against the best before
        Assert.Contains("best before", page.FindAll("#kpi-most-improved tr.kpi-improved")[1].TextContent);
        Assert.Equal("true", page.Find("#kpi-window-7").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task KpisPage_MetricPicked_BestHonoursItsDirection()
    {
        await SeedTwoExperimentsAsync();
        var page = Ctx.Context.Render<KpisPage>();
        page.WaitForAssertion(() => Assert.Equal("0.3", Value(page, "kpi-metric-best")), Patience);

        MudSelects.Choose(_popovers, page.Find("#kpi-metric"), "val_accuracy");

        // b's best 0.8 and d's 0.9: higher is better
        page.WaitForAssertion(() => Assert.Equal("0.9", Value(page, "kpi-metric-best")), Patience);
        Assert.Equal("0.85", Value(page, "kpi-metric-average"));
        Assert.Contains("higher is better", Note(page, "kpi-metric-best"));
    }

    [Fact]
    public async Task KpisPage_NoRunInTheBookmarkedWeek_FriendlyMessageNotZeros()
    {
        var fx = await Seed.ExperimentAsync("fx", TimeSpan.FromDays(60));
        await Seed.RunAsync(fx, "older", TimeSpan.FromDays(20), TimeSpan.FromHours(1));

        var navigation = Ctx.Context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("days", 7));

        var page = Ctx.Context.Render<KpisPage>();

        page.WaitForAssertion(() => Assert.Contains("No runs in the last 7 days", page.Find("#kpi-empty").TextContent), Patience);
        Assert.Empty(page.FindAll("#kpi-runs"));
        Assert.DoesNotContain("NaN", page.Markup);

        page.Find("#kpi-window-30").Click();

        page.WaitForAssertion(() => Assert.Equal("1", Value(page, "kpi-runs")), Patience);
        Assert.Empty(page.FindAll("#kpi-empty"));
    }

    [Fact]
    public async Task KpisPage_ExperimentTheUserMayNotRead_NotCounted()
    {
        var (fx, rates) = await SeedTwoExperimentsAsync();
        var viewer = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Viewer, withKey: false);
        await AccessTestUsers.GrantAsync(Ctx.Server, fx, viewer, PermissionLevel.NoPermissions);
        Ctx.SignIn(viewer.Principal);

        var page = Ctx.Context.Render<KpisPage>();

        // rates only: c (failed) and d (running); fx's runs, its GPU-hours and its improvement are hidden
        page.WaitForAssertion(() => Assert.Equal("2", Value(page, "kpi-runs")), Patience);
        Assert.Equal("1", Value(page, "kpi-experiments"));
        Assert.Equal("0.0 %", Value(page, "kpi-success-rate"));
        Assert.Equal("0.0", Value(page, "kpi-gpu-hours"));
        Assert.Equal("0.6", Value(page, "kpi-metric-best"));
        Assert.Equal([rates], page.FindAll("#kpi-most-improved tr.kpi-improved").Select(r => r.GetAttribute("data-experiment")));
    }

    [Fact]
    public async Task KpisPage_RunStartsWhileOpen_CountsRefresh()
    {
        _time.SetUtcNow(DateTimeOffset.UtcNow.AddMinutes(1));
        var page = Ctx.Context.Render<KpisPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#kpi-empty")), Patience);

        await Client.StartRunAsync("live-kpis", "fresh");

        page.WaitForAssertion(() => Assert.Equal("1", Value(page, "kpi-runs")), Patience);
        Assert.Contains("1 still running", Note(page, "kpi-runs"));
    }

    private static string Value(IRenderedComponent<KpisPage> page, string id) => page.Find($"#{id} .kpi-value").TextContent.Trim();

    private static string Note(IRenderedComponent<KpisPage> page, string id) => page.Find($"#{id} .kpi-note").TextContent.Trim();
}
