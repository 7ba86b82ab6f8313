using FinSight.Core.Analysis;
using FinSight.Dashboard.Data;
using FinSight.Tests.Components;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FinSight.Tests.Data;

/// <summary>The overview's queries against a real SQLite file filled through the real ingestion path.</summary>
public sealed class OverviewReaderTests : ServerBackedTest
{
    [Fact]
    public async Task TopRunsAsync_AccuracyLike_HighestBestFirstAndCountsByStatus()
    {
        await using var client = Ctx.NewClient();
        foreach (var (name, peak, status) in new[] { ("a", 0.7, FinSight.Core.Tracking.RunStatus.Finished), ("b", 0.9, FinSight.Core.Tracking.RunStatus.Failed), ("c", 0.8, FinSight.Core.Tracking.RunStatus.Running) })
        {
            var run = await client.StartRunAsync("top", name);
            // the peak is in the middle: ranking uses the best value, not the last
            await ServerBackedContext.LogAsync(run, [0, 1, 2], ("val_accuracy", s => s == 1 ? peak : 0.5));
            if (status != FinSight.Core.Tracking.RunStatus.Running) await run.EndAsync(status);
        }
        var reader = Ctx.Server.Services.GetRequiredService<OverviewReader>();

        var top = await reader.TopRunsAsync(Ctx.Server.Admin, "val_accuracy", MetricDirections.Infer("val_accuracy"), 10);
        var counts = await reader.CountsAsync(Ctx.Server.Admin);

        Assert.Equal(["b", "c", "a"], top.Select(r => r.Run.RunName));
        Assert.Equal([0.9, 0.8, 0.7], top.Select(r => r.Best));
        Assert.All(top, r => Assert.Equal(0.5, r.Latest));
        Assert.Equal(new RunCounts(1, 1, 1, 0), counts);
    }
}
