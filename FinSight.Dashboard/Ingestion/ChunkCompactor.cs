using FinSight.Dashboard.Configuration;
using FinSight.Dashboard.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinSight.Dashboard.Ingestion;

/// <summary>
/// Every group commit adds one chunk per series, so a long run accumulates many small chunks.
/// This merges neighbours in the background, through the writer's queue so it never races it.
/// </summary>
public sealed class ChunkCompactor(
    IDbContextFactory<FinSightDbContext> contexts,
    IngestionService ingestion,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<ChunkCompactor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CompactionInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CompactOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Chunk compaction failed; it will be tried again.");
            }
        }
    }

    /// <summary>Merges small neighbouring chunks of every series that has some; returns the chunks removed.</summary>
    public async Task<int> CompactOnceAsync(CancellationToken cancellationToken = default)
    {
        var target = options.Value.CompactionTargetPoints;
        List<long> candidates;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            candidates = await db.MetricChunks.AsNoTracking()
                .Where(c => c.PointCount < target / 2)
                .GroupBy(c => c.SeriesId)
                .Where(g => g.Count() > 1)
                .Select(g => g.Key)
                .OrderBy(seriesId => seriesId) // a stable batch, so a long backlog is worked through in order
                .Take(1000)
                .ToListAsync(cancellationToken);
        }
        var removed = 0;
        foreach (var seriesId in candidates) removed += await ingestion.CompactSeriesAsync(seriesId, target, cancellationToken);
        if (removed > 0) logger.LogDebug("Compaction merged away {Removed} chunks in {Series} series.", removed, candidates.Count);
        return removed;
    }
}
