using FinSight.Core.Analysis.Kpis;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Data;
using FinSight.Tests.Components;
using FinSight.Tests.Components.Pages.Kpis;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FinSight.Tests.Data;

/// <summary>The KPI queries against a real SQLite file filled through the real ingestion path.</summary>
public sealed class KpiReaderTests : ServerBackedTest
{
    private KpiReader Reader => Ctx.Server.Services.GetRequiredService<KpiReader>();

    [Fact]
    public async Task SummaryAsync_GpuSamplesInSeveralChunks_GpusTimesFirstToLastSample()
    {
        var seed = new KpiSeed(Ctx.Server);
        var fx = await seed.ExperimentAsync("fx", TimeSpan.FromDays(60));
        var twoGpus = await seed.RunAsync(fx, "two-gpus", TimeSpan.FromDays(2), TimeSpan.FromHours(2));
        var oneGpu = await seed.RunAsync(fx, "one-gpu", TimeSpan.FromDays(1), null);
        await seed.RunAsync(fx, "cpu-only", TimeSpan.FromDays(1), TimeSpan.FromHours(1), metrics: [("system/cpu_percent", [10, 20])]);
        var t0 = KpiSeed.Now - TimeSpan.FromDays(2);
        // three batches, so three chunks per series: the first sample is only in the first chunk
        await seed.GpuSamplesAsync(twoGpus, 2, t0, t0.AddMinutes(45), t0.AddMinutes(90));
        var t1 = KpiSeed.Now - TimeSpan.FromDays(1);
        await seed.GpuSamplesAsync(oneGpu, 1, t1, t1.AddMinutes(30));

        var kpis = await Reader.SummaryAsync(Ctx.Server.Admin, KpiWindow.Ending(KpiSeed.Now, 7));

        // 2 GPUs × 1.5 h + 1 GPU × 0.5 h = 3.5; the CPU-only run counts 0
        Assert.Equal(3.5, kpis.GpuHours, 9);
        Assert.Equal(2, kpis.GpuRuns);
        Assert.Equal(3, kpis.Runs.Total);
    }

    [Fact]
    public async Task SummaryAsync_RunsPerDayAndWeek_BucketedByUtcStartDay()
    {
        var seed = new KpiSeed(Ctx.Server);
        var fx = await seed.ExperimentAsync("fx", TimeSpan.FromDays(60));
        // Now is Monday 2026-06-15 12:00 UTC: 1 day ago is Sunday 06-14 (ISO week 24), 13 h ago is 06-14 23:00, 2 h ago Monday (week 25)
        await seed.RunAsync(fx, "sunday-finished", TimeSpan.FromDays(1), TimeSpan.FromHours(1));
        await seed.RunAsync(fx, "sunday-late-failed", TimeSpan.FromHours(13), TimeSpan.FromHours(1), RunStatus.Failed);
        await seed.RunAsync(fx, "monday-running", TimeSpan.FromHours(2), null);

        var kpis = await Reader.SummaryAsync(Ctx.Server.Admin, KpiWindow.Ending(KpiSeed.Now, 7));

        // 06-08 12:00 to 06-15 12:00 touches 8 UTC days
        Assert.Equal(8, kpis.Days.Count);
        Assert.Equal(new DayOutcomes(new DateOnly(2026, 6, 14), new RunOutcomes(1, 1, 0, 0)), kpis.Days[^2]);
        Assert.Equal(new DayOutcomes(new DateOnly(2026, 6, 15), new RunOutcomes(0, 0, 0, 1)), kpis.Days[^1]);
        Assert.Equal(["2026-W24", "2026-W25"], kpis.Weeks.Select(w => w.Label));
        Assert.Equal(0.5, kpis.Weeks[0].Outcomes.SuccessRate);
        Assert.Null(kpis.Weeks[1].Outcomes.SuccessRate);
    }
}
