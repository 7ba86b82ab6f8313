using System.Security.Claims;
using FinSight.Core.Access;
using FinSight.Core.Analysis;
using FinSight.Core.Contracts;
using FinSight.Core.Storage;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Data.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FinSight.Dashboard.Data;

/// <summary>
/// Read side of tracking data for APIs and pages: untracked EF queries, chunks decoded on demand. Every method
/// takes the caller: lists leave out experiments the caller may not see (in the query), single reads need READ.
/// </summary>
public sealed class TrackingReader(IDbContextFactory<FinSightDbContext> contexts, ExperimentAccess access)
{
    public async Task<IReadOnlyList<ExperimentInfo>> ListExperimentsAsync(ClaimsPrincipal caller, CancellationToken cancellationToken = default)
    {
        var scope = await access.ScopeAsync(caller, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await scope.Apply(db.Experiments.AsNoTracking())
            .Where(e => e.LifecycleStage == LifecycleStages.Active)
            .OrderByDescending(e => e.LastUpdateTime)
            .Select(e => new ExperimentInfo(e.Id.ToString(), e.Name, e.Description, e.LifecycleStage, e.CreationTime, e.LastUpdateTime,
                e.Runs.Count(r => r.LifecycleStage == LifecycleStages.Active)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Experiments with their run counts and last activity, most recently active first; deleted ones only when asked.</summary>
    public async Task<IReadOnlyList<ExperimentOverview>> ListExperimentOverviewsAsync(ClaimsPrincipal caller, bool includeDeleted, CancellationToken cancellationToken = default)
    {
        var scope = await access.ScopeAsync(caller, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await scope.Apply(db.Experiments.AsNoTracking())
            .Where(e => includeDeleted || e.LifecycleStage == LifecycleStages.Active)
            .Select(e => new
            {
                e.Id, e.Name, e.Description, e.LifecycleStage, e.CreationTime, e.LastUpdateTime,
                Runs = e.Runs.Count(r => r.LifecycleStage == LifecycleStages.Active),
                Running = e.Runs.Count(r => r.LifecycleStage == LifecycleStages.Active && r.Status == RunStatusRunning),
                LastStart = e.Runs.Max(r => (long?)r.StartTime),
                LastEnd = e.Runs.Max(r => r.EndTime),
            })
            .ToListAsync(cancellationToken);
        return rows
            .Select(e => new ExperimentOverview(e.Id.ToString(), e.Name, e.Description, e.LifecycleStage != LifecycleStages.Active,
                e.CreationTime, e.Runs, e.Running, Math.Max(e.LastUpdateTime, Math.Max(e.LastStart ?? 0, e.LastEnd ?? 0))))
            .OrderByDescending(e => e.LastActivity)
            .ToList();
    }

    /// <summary>
    /// The runs named, in the order asked, with experiment names, params and metric summaries (deleted
    /// runs too: the user named them). Ids that match no run are left out; the caller says which.
    /// A run in an experiment the caller may not read refuses the whole comparison (403).
    /// </summary>
    public async Task<IReadOnlyList<ComparedRun>> GetRunsForComparisonAsync(ClaimsPrincipal caller, IReadOnlyList<string> runIds, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = await db.Runs.AsNoTracking()
            .Where(r => runIds.Contains(r.RunId))
            .Select(r => new { Run = r, ExperimentName = r.Experiment!.Name })
            .ToListAsync(cancellationToken);
        foreach (var experimentId in runs.Select(r => r.Run.ExperimentId).Distinct())
            await access.RequireAsync(caller, experimentId, PermissionLevel.Read, cancellationToken);
        var found = runs.Select(r => r.Run.RunId).ToList();
        var parameters = (await db.Params.AsNoTracking().Where(p => found.Contains(p.RunId)).ToListAsync(cancellationToken))
            .ToLookup(p => p.RunId);
        var series = (await db.MetricSeries.AsNoTracking().Where(s => found.Contains(s.RunId)).ToListAsync(cancellationToken))
            .ToLookup(s => s.RunId);
        var byId = runs.ToDictionary(r => r.Run.RunId, StringComparer.Ordinal);
        return runIds.Where(byId.ContainsKey).Select(id => new ComparedRun(
                ToInfo(byId[id].Run), byId[id].ExperimentName,
                parameters[id].OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new KeyValueEntry(p.Key, p.Value)).ToList(),
                series[id].OrderBy(s => s.Key, StringComparer.Ordinal).Select(ToSummary).ToList()))
            .ToList();
    }

    /// <summary>Directions users chose for metrics of an experiment (keys without a choice are absent).</summary>
    public async Task<IReadOnlyDictionary<string, MetricDirection>> GetMetricDirectionsAsync(ClaimsPrincipal caller, string experimentId, CancellationToken cancellationToken = default)
    {
        var id = ParseExperimentId(experimentId);
        await access.RequireAsync(caller, id, PermissionLevel.Read, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.MetricDirections.AsNoTracking().Where(d => d.ExperimentId == id).ToListAsync(cancellationToken);
        return rows.ToDictionary(d => d.Key, d => d.Direction == "higher" ? MetricDirection.Maximize : MetricDirection.Minimize, StringComparer.Ordinal);
    }

    /// <summary>The experiment, when it exists (404) and the caller may read it (403).</summary>
    public async Task<ExperimentInfo> GetExperimentAsync(ClaimsPrincipal caller, string experimentId, CancellationToken cancellationToken = default)
    {
        var id = ParseExperimentId(experimentId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var experiment = await db.Experiments.AsNoTracking()
            .Where(e => e.Id == id)
            .Select(e => new ExperimentInfo(e.Id.ToString(), e.Name, e.Description, e.LifecycleStage, e.CreationTime, e.LastUpdateTime,
                e.Runs.Count(r => r.LifecycleStage == LifecycleStages.Active)))
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw TrackingException.NotFound($"Experiment {experimentId} does not exist.");
        await access.RequireAsync(caller, id, PermissionLevel.Read, cancellationToken);
        return experiment;
    }

    public async Task<IReadOnlyList<RunInfo>> ListRunsAsync(ClaimsPrincipal caller, string experimentId, CancellationToken cancellationToken = default)
    {
        var experiment = await GetExperimentAsync(caller, experimentId, cancellationToken);
        var id = long.Parse(experiment.ExperimentId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = await db.Runs.AsNoTracking()
            .Where(r => r.ExperimentId == id && r.LifecycleStage == LifecycleStages.Active)
            .OrderByDescending(r => r.StartTime)
            .ToListAsync(cancellationToken);
        return runs.Select(ToInfo).ToList();
    }

    /// <summary>The most recently started runs of every active experiment, with their metric summaries.</summary>
    public async Task<IReadOnlyList<(RunInfo Run, string ExperimentName, IReadOnlyList<MetricSummary> Metrics)>> RecentRunsAsync(
        ClaimsPrincipal caller, int limit, CancellationToken cancellationToken = default)
    {
        var scope = await access.ScopeAsync(caller, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = await scope.Apply(db.Runs.AsNoTracking())
            .Where(r => r.LifecycleStage == LifecycleStages.Active && r.Experiment!.LifecycleStage == LifecycleStages.Active)
            .OrderByDescending(r => r.StartTime)
            .Take(limit)
            .Select(r => new { Run = r, ExperimentName = r.Experiment!.Name })
            .ToListAsync(cancellationToken);
        var ids = runs.Select(r => r.Run.RunId).ToList();
        var series = await db.MetricSeries.AsNoTracking().Where(s => ids.Contains(s.RunId)).ToListAsync(cancellationToken);
        var byRun = series.ToLookup(s => s.RunId);
        return runs.Select(r => (ToInfo(r.Run), r.ExperimentName,
            (IReadOnlyList<MetricSummary>)byRun[r.Run.RunId].OrderBy(s => s.Key, StringComparer.Ordinal).Select(ToSummary).ToList())).ToList();
    }

    public async Task<RunDetails> GetRunAsync(ClaimsPrincipal caller, string runId, CancellationToken cancellationToken = default)
    {
        TrackingValidator.RunId(runId);
        await access.RequireRunAsync(caller, runId, PermissionLevel.Read, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.RunId == runId, cancellationToken)
            ?? throw TrackingException.NotFound($"Run '{runId}' does not exist.");
        var parameters = await db.Params.AsNoTracking().Where(p => p.RunId == runId).OrderBy(p => p.Key)
            .Select(p => new KeyValueEntry(p.Key, p.Value)).ToListAsync(cancellationToken);
        var tags = await db.Tags.AsNoTracking().Where(t => t.RunId == runId).OrderBy(t => t.Key)
            .Select(t => new KeyValueEntry(t.Key, t.Value)).ToListAsync(cancellationToken);
        var series = await db.MetricSeries.AsNoTracking().Where(s => s.RunId == runId).OrderBy(s => s.Key).ToListAsync(cancellationToken);
        return new RunDetails(ToInfo(run), parameters, tags, series.Select(ToSummary).ToList());
    }

    /// <summary>
    /// A series' points ordered by step, then timestamp, then arrival, optionally limited to a step range
    /// and thinned to about <paramref name="maxPoints"/> keeping each bucket's min and max.
    /// </summary>
    public async Task<MetricHistory> GetMetricHistoryAsync(ClaimsPrincipal caller, string runId, string? key, long? fromStep, long? toStep, int? maxPoints,
        CancellationToken cancellationToken = default)
    {
        TrackingValidator.RunId(runId);
        if (string.IsNullOrEmpty(key)) throw TrackingException.Invalid("key is required (a query parameter, since keys may contain '/').");
        if (maxPoints is < 4) throw TrackingException.Invalid($"maxPoints must be at least 4 (was {maxPoints}).");
        if (fromStep > toStep) throw TrackingException.Invalid($"fromStep ({fromStep}) is greater than toStep ({toStep}).");
        await access.RequireRunAsync(caller, runId, PermissionLevel.Read, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var seriesId = await db.MetricSeries.AsNoTracking().Where(s => s.RunId == runId && s.Key == key)
            .Select(s => (long?)s.Id).FirstOrDefaultAsync(cancellationToken)
            ?? throw TrackingException.NotFound($"Run '{runId}' has no metric '{key}'.");
        var from = fromStep ?? long.MinValue;
        var to = toStep ?? long.MaxValue;
        if (maxPoints is { } max)
            return new MetricHistory(key, ToOutput(await ThinnedFromSummariesAsync(db, seriesId, from, to, max, cancellationToken)));
        var blobs = await db.MetricChunks.AsNoTracking()
            .Where(c => c.SeriesId == seriesId && c.MaxStep >= from && c.MinStep <= to)
            .OrderBy(c => c.Id)
            .Select(c => c.Data)
            .ToListAsync(cancellationToken);
        var arrival = new List<MetricPoint>();
        foreach (var blob in blobs) MetricChunkCodec.DecodeInto(blob, arrival);
        if (fromStep is not null || toStep is not null) arrival.RemoveAll(p => p.Step < from || p.Step > to);
        return new MetricHistory(key, ToOutput(SeriesOrder.ByStep(arrival)));
    }

    /// <summary>
    /// Lists the chunk summaries (from the covering index, no blobs) and lets <see cref="SummaryDownsampler"/>
    /// decode only the chunks it must. One read transaction, so the compactor cannot swap chunks in between.
    /// </summary>
    private static async Task<IReadOnlyList<MetricPoint>> ThinnedFromSummariesAsync(FinSightDbContext db, long seriesId, long from, long to,
        int maxPoints, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        // Blobs read through a memory map instead of a read() call per 4 KB overflow page: half the time on a long series.
        await using (var mmap = connection.CreateCommand())
        {
            mmap.CommandText = "PRAGMA mmap_size = 1073741824";
            await mmap.ExecuteNonQueryAsync(cancellationToken);
        }
        // Deferred: a plain BEGIN takes no write lock, so the read never waits for or blocks the writer.
        await using var snapshot = connection.BeginTransaction(deferred: true);
        await db.Database.UseTransactionAsync(snapshot, cancellationToken);
        var rows = await db.MetricChunks.AsNoTracking()
            .Where(c => c.SeriesId == seriesId && c.MaxStep >= from && c.MinStep <= to)
            .OrderBy(c => c.Id)
            .Select(c => new
            {
                c.Id, c.MinStep, c.MaxStep, c.PointCount, c.MinValue, c.MaxValue,
                c.MinPointStep, c.MinPointTimestamp, c.MaxPointStep, c.MaxPointTimestamp,
            })
            .ToListAsync(cancellationToken);
        var chunks = rows.Select(c => new StoredChunk(c.Id, c.MinStep, c.MaxStep, c.PointCount,
            c is { MinPointStep: { } lowStep, MinPointTimestamp: { } lowTime, MaxPointStep: { } highStep, MaxPointTimestamp: { } highTime }
                // SQLite keeps NaN as NULL: an all-NaN chunk records NULL values at its first point.
                ? (new MetricPoint(lowStep, lowTime, c.MinValue ?? double.NaN), new MetricPoint(highStep, highTime, c.MaxValue ?? double.NaN))
                : null)).ToList();
        var blobs = new ChunkBlobs(snapshot);
        return await SummaryDownsampler.DownsampleAsync(chunks, from, to, maxPoints, blobs.ReadAsync, cancellationToken);
    }

    private static List<MetricPointOutput> ToOutput(IReadOnlyList<MetricPoint> points) =>
        points.Select(p => new MetricPointOutput(p.Step, p.Timestamp, p.Value)).ToList();

    private static readonly string RunStatusRunning = RunStatus.Running.ToWire();

    private static long ParseExperimentId(string experimentId) =>
        long.TryParse(experimentId, System.Globalization.NumberStyles.None, null, out var id)
            ? id
            : throw TrackingException.NotFound($"Experiment '{experimentId}' does not exist; experiment ids are whole numbers.");

    internal static RunInfo ToInfo(RunEntity r) =>
        new(r.RunId, r.ExperimentId.ToString(), r.Name, r.Status, r.StartTime, r.EndTime, r.Owner, r.LifecycleStage);

    // SQLite keeps NaN as NULL; a series row exists only with points, so NULL reads back as NaN.
    private static MetricSummary ToSummary(MetricSeriesEntity s) =>
        new(s.Key, s.LatestValue ?? double.NaN, s.LatestStep, s.LatestTimestamp, s.MinValue ?? double.NaN, s.MaxValue ?? double.NaN, s.PointCount);
}
