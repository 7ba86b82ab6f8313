using FinSight.Core.Contracts;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static FinSight.Tests.Integration.HubSession;

namespace FinSight.Tests.Integration;

public sealed class ChunkCompactionTests
{
    [Fact]
    public async Task CompactOnce_ManySmallChunks_MergedWithEveryPointInOrder()
    {
        await using var server = await FinSightServer.StartAsync(new() { ["Storage:CompactionTargetPoints"] = "64" });
        await using var hub = server.CreateHubConnection(messagePack: true);
        await hub.StartAsync();
        var run = await hub.StartRunAsync("compaction");
        // Steps arrive out of order and repeat, so "order" means step, timestamp, then arrival.
        for (var batch = 0; batch < 40; batch++)
        {
            var points = Enumerable.Range(0, 5).Select(i => Point("loss", batch * 10 + i, step: (batch * 7 + i) % 50, timestamp: 1000 + batch)).ToList();
            await hub.LogMetricsAsync(run.RunId, $"b{batch}", points);
        }
        var before = await server.GetJsonAsync<MetricHistory>($"api/v1/runs/{run.RunId}/metric-history?key=loss");
        var chunksBefore = await CountChunksAsync(server);

        var removed = await server.Services.GetRequiredService<ChunkCompactor>().CompactOnceAsync();

        var after = await server.GetJsonAsync<MetricHistory>($"api/v1/runs/{run.RunId}/metric-history?key=loss");
        Assert.Equal(40, chunksBefore);
        Assert.True(removed > 0);
        Assert.Equal(chunksBefore - removed, await CountChunksAsync(server));
        Assert.InRange(await CountChunksAsync(server), 4, 10);
        Assert.Equal(before.Points, after.Points);
        Assert.Equal(200, after.Points.Count);
    }

    private static async Task<int> CountChunksAsync(FinSightServer server)
    {
        var factory = server.Services.GetRequiredService<IDbContextFactory<FinSightDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.MetricChunks.CountAsync();
    }
}
