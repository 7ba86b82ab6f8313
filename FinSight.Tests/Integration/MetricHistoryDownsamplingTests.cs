using FinSight.Core.Contracts;
using FinSight.Core.Storage;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Ingestion;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static FinSight.Tests.Integration.HubSession;

namespace FinSight.Tests.Integration;

/// <summary>
/// Zoomed-out history reads answered from chunk summaries must show exactly what decoding every chunk
/// and thinning with <see cref="MinMaxDownsampler"/> shows: every bucket's minimum and maximum.
/// </summary>
public sealed class MetricHistoryDownsamplingTests : IAsyncLifetime
{
    private FinSightServer _server = null!;
    private HubConnection _hub = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await FinSightServer.StartAsync(new() { ["Storage:CompactionTargetPoints"] = "1024" });
        _hub = _server.CreateHubConnection(messagePack: true);
        await _hub.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData(100)]
    [InlineData(1000)]
    public async Task GetMetricHistory_ManySmallChunks_SameAsFullDecodeThenMinMax(int maxPoints)
    {
        // Arrange: 40,000 points of a noisy, decaying loss with spikes, in 400 batches of 100 points.
        var runId = await LogAsync(Loss(40_000, seed: 1), batchPoints: 100);

        // Act
        var thinned = await HistoryAsync(runId, $"maxPoints={maxPoints}");

        // Assert
        Assert.Equal(await ReferenceAsync(runId, maxPoints), thinned);
        Assert.InRange(thinned.Count, 3, maxPoints);
    }

    [Fact]
    public async Task GetMetricHistory_AfterCompaction_SameAnswerAsBefore()
    {
        // Arrange
        var runId = await LogAsync(Loss(40_000, seed: 2), batchPoints: 80);
        var before = await HistoryAsync(runId, "maxPoints=150");
        var chunksBefore = await CountChunksAsync();

        // Act
        await _server.Services.GetRequiredService<ChunkCompactor>().CompactOnceAsync();

        // Assert
        Assert.True(await CountChunksAsync() < chunksBefore / 5);
        Assert.Equal(before, await HistoryAsync(runId, "maxPoints=150"));
        Assert.Equal(await ReferenceAsync(runId, 150), before);
    }

    [Fact]
    public async Task GetMetricHistory_OutOfOrderAndRepeatedSteps_SameAsFullDecodeThenMinMax()
    {
        // Arrange: training resumed from a checkpoint (steps go back), plus stray late points at one timestamp.
        var random = new Random(4);
        var points = Enumerable.Range(0, 30_000).Select(i => (Step: (long)(i < 20_000 ? i : i - 8_000), Value: random.NextDouble())).ToList();
        points.AddRange(Enumerable.Range(0, 300).Select(_ => (Step: (long)random.Next(25_000), Value: random.Next(-3, 4) * 1.0)));
        var runId = await LogAsync(points.Select((p, i) => Point("loss", p.Value, p.Step, 1_700_000_000_000 + i / 10)).ToList(), batchPoints: 150);
        await _server.Services.GetRequiredService<ChunkCompactor>().CompactOnceAsync();

        // Act
        var thinned = await HistoryAsync(runId, "maxPoints=400");

        // Assert
        Assert.Equal(await ReferenceAsync(runId, 400), thinned);
    }

    [Fact]
    public async Task GetMetricHistory_ChunksWrittenBeforeExtremesWereRecorded_SameAsFullDecodeThenMinMax()
    {
        // Arrange: clear the new columns on every other chunk, as a database migrated from the first schema has them.
        var runId = await LogAsync(Loss(30_000, seed: 5), batchPoints: 100);
        var factory = _server.Services.GetRequiredService<IDbContextFactory<FinSightDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync(
                "UPDATE metric_chunks SET MinPointStep = NULL, MinPointTimestamp = NULL, MaxPointStep = NULL, MaxPointTimestamp = NULL WHERE Id % 2 = 0");
        }

        // Act
        var thinned = await HistoryAsync(runId, "maxPoints=200");

        // Assert
        Assert.Equal(await ReferenceAsync(runId, 200), thinned);
    }

    [Fact]
    public async Task GetMetricHistory_NaNStretch_HoleShownAndExtremesIgnoreNaN()
    {
        // Arrange
        var points = Loss(20_000, seed: 6);
        for (var i = 8_000; i < 11_000; i++) points[i].Value = double.NaN;
        points[15_000].Value = 42.0;
        var runId = await LogAsync(points, batchPoints: 100);

        // Act
        var thinned = await HistoryAsync(runId, "maxPoints=100");

        // Assert
        Assert.Equal(await ReferenceAsync(runId, 100), thinned);
        Assert.Contains(thinned, p => double.IsNaN(p.Value) && p.Step is >= 8_000 and < 11_000);
        Assert.Contains(thinned, p => p.Step == 15_000 && p.Value == 42.0);
    }

    [Fact]
    public async Task GetMetricHistory_StepRange_ExactPointsAndThinnedRangeMatchesReference()
    {
        // Arrange
        var runId = await LogAsync(Loss(30_000, seed: 7), batchPoints: 250);
        var all = await HistoryAsync(runId, "");

        // Act
        var zoomed = await HistoryAsync(runId, "fromStep=12345&toStep=14344");
        var zoomedThinned = await HistoryAsync(runId, "fromStep=5000&toStep=25000&maxPoints=300");

        // Assert: a narrow range comes back at full resolution, every point.
        Assert.Equal(all.Where(p => p.Step is >= 12345 and <= 14344), zoomed);
        Assert.Equal(2000, zoomed.Count);
        var inRange = all.Where(p => p.Step is >= 5000 and <= 25000).Select(p => new MetricPoint(p.Step, p.Timestamp, p.Value)).ToList();
        Assert.Equal(MinMaxDownsampler.Downsample(inRange, 300).Select(Output), zoomedThinned);
    }

    [Fact]
    public async Task LogMetrics_BatchLargerThanChunkTarget_StoredInChunksOfAtMostTarget()
    {
        // Arrange
        var points = Loss(5_000, seed: 8);

        // Act: one 5,000-point batch with a 1,024-point chunk target.
        var runId = await LogAsync(points, batchPoints: 5_000);

        // Assert
        var factory = _server.Services.GetRequiredService<IDbContextFactory<FinSightDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var sizes = await db.MetricChunks.Select(c => c.PointCount).ToListAsync();
        Assert.Equal(5, sizes.Count);
        Assert.All(sizes, size => Assert.InRange(size, 1, 1024));
        Assert.Equal(points.Select(p => p.Step!.Value), (await HistoryAsync(runId, "")).Select(p => p.Step));
    }

    private static List<MetricPointInput> Loss(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var value = 2.0 * Math.Exp(-i / (count / 4.0)) + 0.05 * random.NextDouble();
            if (random.Next(2000) == 0) value += 10 * random.NextDouble() - 5;
            return Point("loss", value, i, 1_700_000_000_000 + i * 10L);
        }).ToList();
    }

    private async Task<string> LogAsync(List<MetricPointInput> points, int batchPoints)
    {
        var run = await _hub.StartRunAsync("history", $"run-{Guid.NewGuid():N}");
        var batch = 0;
        foreach (var slice in points.Chunk(batchPoints)) await _hub.LogMetricsAsync(run.RunId, $"b{batch++}", slice);
        return run.RunId;
    }

    private async Task<List<MetricPointOutput>> HistoryAsync(string runId, string query) =>
        (await _server.GetJsonAsync<MetricHistory>($"api/v1/runs/{runId}/metric-history?key=loss&{query}")).Points.ToList();

    /// <summary>The full history, thinned here with the plain downsampler.</summary>
    private async Task<List<MetricPointOutput>> ReferenceAsync(string runId, int maxPoints)
    {
        var all = (await HistoryAsync(runId, "")).Select(p => new MetricPoint(p.Step, p.Timestamp, p.Value)).ToList();
        return MinMaxDownsampler.Downsample(all, maxPoints).Select(Output).ToList();
    }

    private static MetricPointOutput Output(MetricPoint p) => new(p.Step, p.Timestamp, p.Value);

    private async Task<int> CountChunksAsync()
    {
        var factory = _server.Services.GetRequiredService<IDbContextFactory<FinSightDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.MetricChunks.CountAsync();
    }
}
