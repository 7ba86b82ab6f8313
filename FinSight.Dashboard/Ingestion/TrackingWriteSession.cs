using FinSight.Core.Contracts;
using FinSight.Core.Storage;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Live;
using Microsoft.Data.Sqlite;
using static FinSight.Dashboard.Ingestion.SqliteCommandBinding;

namespace FinSight.Dashboard.Ingestion;

/// <summary>
/// The single writer's connection and the operations it performs inside a group transaction.
/// Metric points are staged per series and written as one chunk per series (split when larger than
/// the compaction target) when the group is flushed, in the same transaction as the batch ids that carried them and the series summaries.
/// Live notifications are held until the commit, so nobody sees data that could still be rolled back.
/// </summary>
public sealed partial class TrackingWriteSession : IDisposable
{
    private const int MaxCachedRuns = 10_000;

    private readonly SqliteConnection _connection;
    private readonly SqliteStatements _sql;
    private readonly AbTestStatements _ab;
    private readonly PredictionStatements _predictions;
    private readonly RegistryStatements _registry;
    private readonly RunEditStatements _edits;
    private readonly LiveMetricsStore _live;
    private readonly TimeProvider _time;
    private readonly int _maxChunkPoints;
    private readonly Dictionary<string, RunState> _runs = new(StringComparer.Ordinal);
    private readonly Dictionary<SeriesSummary, List<MetricPoint>> _staged = [];
    private readonly Dictionary<(string RunId, string BatchId), int> _stagedBatches = [];
    private readonly List<(string RunId, string Key, List<MetricPoint> Points)> _pendingLive = [];
    private readonly HashSet<string> _pendingRunChanges = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pendingEndedRuns = new(StringComparer.Ordinal);
    private readonly HashSet<long> _pendingAbTests = [];
    private bool _pendingExperimentChange;
    private SqliteTransaction? _transaction;

    public TrackingWriteSession(string connectionString, string synchronous, int maxChunkPoints, LiveMetricsStore live, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChunkPoints, 1);
        _maxChunkPoints = maxChunkPoints;
        _live = live;
        _time = time;
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        using (var pragma = _connection.CreateCommand())
        {
            pragma.CommandText = $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous}; PRAGMA busy_timeout = 10000;";
            pragma.ExecuteNonQuery();
        }
        _sql = new SqliteStatements(_connection);
        _ab = new AbTestStatements(_connection);
        _predictions = new PredictionStatements(_connection);
        _registry = new RegistryStatements(_connection);
        _edits = new RunEditStatements(_connection);
    }

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    public void Begin()
    {
        _transaction = _connection.BeginTransaction();
        _sql.Enlist(_transaction);
        _ab.Enlist(_transaction);
        _predictions.Enlist(_transaction);
        _registry.Enlist(_transaction);
        _edits.Enlist(_transaction);
    }

    /// <summary>Statements for A/B test observations, enlisted in the open transaction.</summary>
    public AbTestStatements AbTests => _ab;

    /// <summary>Statements for prediction series, enlisted in the open transaction.</summary>
    public PredictionStatements Predictions => _predictions;

    /// <summary>Statements for the model registry, enlisted in the open transaction.</summary>
    public RegistryStatements Registry => _registry;

    /// <summary>Throws 404 for an unknown run and 409 for a deleted one, as every write to a run does.</summary>
    public void RequireActiveRun(string runId) => ActiveRun(runId);

    /// <summary>The writer's clock, epoch milliseconds.</summary>
    public long CurrentTime => Now;

    /// <summary>Tells the A/B test's live views after the commit (never before: the write could still roll back).</summary>
    public void NotifyAbTestAfterCommit(long testId) => _pendingAbTests.Add(testId);

    /// <summary>Writes the staged chunks, commits, then publishes what the group changed.</summary>
    public void Commit()
    {
        FlushStagedPoints();
        _transaction!.Commit();
        EndTransaction();
        foreach (var (runId, key, points) in _pendingLive) _live.Append(runId, key, points);
        foreach (var runId in _pendingRunChanges) _live.NotifyRunChanged(runId);
        foreach (var runId in _pendingEndedRuns) _live.ForgetRun(runId);
        if (_pendingExperimentChange) _live.NotifyExperimentsChanged();
        foreach (var testId in _pendingAbTests) _live.NotifyAbTestChanged(testId);
        ClearPending();
    }

    /// <summary>Undoes the group. The caches may hold state the database no longer has, so they are dropped.</summary>
    public void Rollback()
    {
        try { _transaction?.Rollback(); }
        catch (SqliteException) { /* the connection may already have rolled back */ }
        EndTransaction();
        ClearPending();
        _runs.Clear();
    }

    /// <param name="creatorUserId">Gets MANAGE on the experiment when this call creates it (null: no explicit grant).</param>
    /// <returns>The experiment, and whether this call created it.</returns>
    public (ExperimentRef Experiment, bool Created) GetOrCreateExperiment(string name, string? description, bool mustBeNew, string? creatorUserId)
    {
        using (var reader = _sql.SelectExperimentByName.Bind(name).ExecuteReader())
        {
            if (reader.Read())
            {
                if (mustBeNew) throw TrackingException.Conflict($"An experiment named '{name}' already exists.");
                if (reader.GetString(1) != "active")
                    throw TrackingException.Conflict($"Experiment '{name}' is deleted; restore it or choose another name.");
                return (new ExperimentRef { ExperimentId = reader.GetInt64(0).ToString(), Name = name }, false);
            }
        }
        var id = (long)_sql.InsertExperiment.Bind(name, description, Now).ExecuteScalar()!;
        if (creatorUserId is not null) _sql.GrantManage.Bind(id, creatorUserId, Now).ExecuteNonQuery();
        _pendingExperimentChange = true;
        return (new ExperimentRef { ExperimentId = id.ToString(), Name = name }, true);
    }

    /// <summary>Renames an active experiment and sets its description; a name held by another experiment (deleted ones too) is refused.</summary>
    public ExperimentRef UpdateExperiment(long experimentId, string name, string? description)
    {
        var (currentName, stage) = ExistingExperiment(experimentId);
        if (stage != "active")
            throw TrackingException.Conflict($"Experiment '{currentName}' is deleted; restore it before editing it.");
        using (var reader = _sql.SelectExperimentByName.Bind(name).ExecuteReader())
        {
            if (reader.Read() && reader.GetInt64(0) != experimentId)
            {
                throw TrackingException.Conflict(reader.GetString(1) == "active"
                    ? $"An experiment named '{name}' already exists."
                    : $"A deleted experiment is named '{name}'; restore it or choose another name.");
            }
        }
        _sql.UpdateExperiment.Bind(name, description, Now, experimentId).ExecuteNonQuery();
        _pendingExperimentChange = true;
        return new ExperimentRef { ExperimentId = experimentId.ToString(), Name = name };
    }

    /// <summary>
    /// Soft delete or restore (MLflow's lifecycle): the experiment and its runs stay stored; lists leave
    /// deleted ones out. Asking for the stage it already has is refused, so a stale page learns of it.
    /// </summary>
    public ExperimentRef SetExperimentLifecycle(long experimentId, string stage)
    {
        var (name, current) = ExistingExperiment(experimentId);
        if (current == stage)
            throw TrackingException.Conflict(stage == "deleted"
                ? $"Experiment '{name}' is already deleted."
                : $"Experiment '{name}' is not deleted; there is nothing to restore.");
        _sql.SetExperimentLifecycle.Bind(stage, Now, experimentId).ExecuteNonQuery();
        _pendingExperimentChange = true;
        return new ExperimentRef { ExperimentId = experimentId.ToString(), Name = name };
    }

    /// <summary>Remembers which way <paramref name="key"/> improves in this experiment; null forgets the choice (back to the name-based guess).</summary>
    public void SetMetricDirection(long experimentId, string key, string? direction)
    {
        ExistingExperiment(experimentId);
        if (direction is null) _sql.DeleteMetricDirection.Bind(experimentId, key).ExecuteNonQuery();
        else _sql.UpsertMetricDirection.Bind(experimentId, key, direction, Now).ExecuteNonQuery();
    }

    /// <param name="owner">The email of the user (or key owner) who started the run.</param>
    public StartRunResult StartRun(long experimentId, string? runName, string? owner,
        IReadOnlyList<KeyValuePair<string, string>> parameters, IReadOnlyList<KeyValuePair<string, string>> tags, long? startTime = null)
    {
        using (var reader = _sql.SelectExperimentById.Bind(experimentId).ExecuteReader())
        {
            if (!reader.Read()) throw TrackingException.NotFound($"Experiment {experimentId} does not exist.");
            if (reader.GetString(1) != "active")
                throw TrackingException.Conflict($"Experiment {experimentId} is deleted; restore it before logging runs to it.");
        }
        var runId = RunIds.New();
        var now = Now;
        var name = runName ?? GeneratedRunName(runId);
        var started = startTime ?? now;
        _sql.InsertRun.Bind(runId, experimentId, name, RunStatus.Running.ToWire(), started, owner, null).ExecuteNonQuery();
        _sql.TouchExperiment.Bind(now, experimentId).ExecuteNonQuery();
        foreach (var (key, value) in parameters) _sql.InsertParam.Bind(runId, key, value).ExecuteNonQuery();
        foreach (var (key, value) in tags) _sql.UpsertTag.Bind(runId, key, value).ExecuteNonQuery();
        _runs[runId] = new RunState(runId);
        _pendingRunChanges.Add(runId);
        return new StartRunResult { RunId = runId, ExperimentId = experimentId.ToString(), Status = RunStatus.Running.ToWire(), StartTime = started };
    }

    /// <summary>
    /// Logs a whole batch or nothing: every check runs before the first write. A batch id already
    /// committed (or staged earlier in this group) is answered as a duplicate and writes nothing.
    /// </summary>
    public BatchAck LogBatch(string runId, string? batchId, IncomingPoint[] points,
        IReadOnlyList<KeyValuePair<string, string>> parameters, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        var run = ActiveRun(runId);
        if (batchId is not null && PreviouslyCommitted(runId, batchId) is { } earlier)
            return new BatchAck { BatchId = batchId, Accepted = earlier, Duplicate = true };
        var newParams = CheckParams(runId, parameters);

        foreach (var (key, value) in newParams) _sql.InsertParam.Bind(runId, key, value).ExecuteNonQuery();
        foreach (var (key, value) in tags) _sql.UpsertTag.Bind(runId, key, value).ExecuteNonQuery();
        ApplyRunNameTag(runId, tags);
        if (parameters.Count > 0 || tags.Count > 0) _pendingRunChanges.Add(runId);
        StagePoints(run, points);
        if (batchId is not null)
        {
            _sql.InsertBatch.Bind(runId, batchId, points.Length, Now).ExecuteNonQuery();
            _stagedBatches[(runId, batchId)] = points.Length;
        }
        return new BatchAck { BatchId = batchId ?? "", Accepted = points.Length, Duplicate = false };
    }

    public void EndRun(string runId, RunStatus status, long endTime)
    {
        ActiveRun(runId);
        _sql.EndRun.Bind(status.ToWire(), endTime, runId).ExecuteNonQuery();
        _pendingEndedRuns.Add(runId);
    }

    /// <summary>
    /// Merges runs of neighbouring small chunks of one series (in id order, so arrival order is kept)
    /// into chunks of up to <paramref name="targetPoints"/>. Returns the number of chunks removed.
    /// </summary>
    public int CompactSeries(long seriesId, int targetPoints)
    {
        var chunks = new List<(long Id, int Count)>();
        using (var reader = _sql.SelectChunksOfSeries.Bind(seriesId).ExecuteReader())
        {
            while (reader.Read()) chunks.Add((reader.GetInt64(0), reader.GetInt32(1)));
        }
        var removed = 0;
        var i = 0;
        while (i < chunks.Count)
        {
            var j = i;
            var total = chunks[i].Count;
            while (j + 1 < chunks.Count && total + chunks[j + 1].Count <= targetPoints) total += chunks[++j].Count;
            if (j > i)
            {
                var merged = new List<MetricPoint>(total);
                for (var k = i; k <= j; k++) MetricChunkCodec.DecodeInto((byte[])_sql.SelectChunkData.Bind(chunks[k].Id).ExecuteScalar()!, merged);
                var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(merged);
                var x = ChunkExtremes.Of(span);
                _sql.UpdateChunk.Bind(x.MinStep, x.MaxStep, merged.Count, Real(x.Lowest.Value), Real(x.Highest.Value),
                    x.Lowest.Step, x.Lowest.Timestamp, x.Highest.Step, x.Highest.Timestamp, MetricChunkCodec.Encode(span), chunks[i].Id).ExecuteNonQuery();
                for (var k = i + 1; k <= j; k++) _sql.DeleteChunk.Bind(chunks[k].Id).ExecuteNonQuery();
                removed += j - i;
            }
            i = j + 1;
        }
        return removed;
    }

    public void Dispose()
    {
        _transaction?.Dispose();
        _sql.Dispose();
        _ab.Dispose();
        _predictions.Dispose();
        _registry.Dispose();
        _edits.Dispose();
        _connection.Dispose();
    }

    private RunState ActiveRun(string runId)
    {
        if (_runs.TryGetValue(runId, out var cached)) return cached;
        switch (_sql.SelectRunLifecycle.Bind(runId).ExecuteScalar())
        {
            case null or DBNull: throw TrackingException.NotFound($"Run '{runId}' does not exist.");
            case string stage when stage != "active":
                throw TrackingException.Conflict($"Run '{runId}' is deleted; restore it before logging to it.");
        }
        var run = new RunState(runId);
        using (var reader = _sql.SelectSeriesOfRun.Bind(runId).ExecuteReader())
        {
            while (reader.Read())
            {
                var series = new SeriesSummary(reader.GetInt64(0), runId, reader.GetString(1))
                {
                    Count = reader.GetInt64(2),
                    Latest = new MetricPoint(reader.GetInt64(4), reader.GetInt64(5), reader.RealOrNaN(3)),
                    Min = reader.RealOrNaN(6),
                    Max = reader.RealOrNaN(7),
                };
                run.Series[series.Key] = series;
            }
        }
        if (_runs.Count >= MaxCachedRuns) _runs.Clear();
        _runs[runId] = run;
        return run;
    }

    private (string Name, string Stage) ExistingExperiment(long experimentId)
    {
        using var reader = _sql.SelectExperimentById.Bind(experimentId).ExecuteReader();
        if (!reader.Read()) throw TrackingException.NotFound($"Experiment {experimentId} does not exist.");
        return (reader.GetString(0), reader.GetString(1));
    }

    private int? PreviouslyCommitted(string runId, string batchId)
    {
        if (_stagedBatches.TryGetValue((runId, batchId), out var staged)) return staged;
        var stored = _sql.SelectBatch.Bind(runId, batchId).ExecuteScalar();
        return stored is null or DBNull ? null : Convert.ToInt32(stored);
    }

    /// <summary>Params are immutable: the same value again is accepted, another value is refused.</summary>
    private List<KeyValuePair<string, string>> CheckParams(string runId, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var fresh = new List<KeyValuePair<string, string>>(parameters.Count);
        foreach (var (key, value) in parameters)
        {
            var stored = _sql.SelectParam.Bind(runId, key).ExecuteScalar() as string;
            if (stored is null) fresh.Add(new(key, value));
            else if (stored != value)
                throw TrackingException.Conflict(
                    $"Param '{key}' of run '{runId}' was logged as '{Shorten(stored)}'; params cannot change (got '{Shorten(value)}'). Log a new key or start a new run.");
        }
        return fresh;
    }

    private void StagePoints(RunState run, IncomingPoint[] points)
    {
        SeriesSummary? series = null;
        List<MetricPoint>? staged = null;
        foreach (var point in points)
        {
            if (series is null || !ReferenceEquals(series.Key, point.Key) && series.Key != point.Key)
            {
                series = SeriesOf(run, point.Key);
                if (!_staged.TryGetValue(series, out staged)) _staged[series] = staged = [];
            }
            staged!.Add(new MetricPoint(point.Step, point.Timestamp, point.Value));
        }
    }

    private SeriesSummary SeriesOf(RunState run, string key)
    {
        if (run.Series.TryGetValue(key, out var series)) return series;
        var id = (long)_sql.InsertSeries.Bind(run.RunId, key).ExecuteScalar()!;
        return run.Series[key] = new SeriesSummary(id, run.RunId, key);
    }

    private void FlushStagedPoints()
    {
        foreach (var (series, points) in _staged)
        {
            var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(points);
            // Equal slices of at most _maxChunkPoints: a huge group would otherwise make one chunk wider than
            // a chart bucket, which a zoomed-out read then has to decode whole instead of using its summary.
            var slices = (span.Length + _maxChunkPoints - 1) / _maxChunkPoints;
            for (var s = 0; s < slices; s++)
            {
                var slice = span[(int)((long)span.Length * s / slices)..(int)((long)span.Length * (s + 1) / slices)];
                var x = ChunkExtremes.Of(slice);
                _sql.InsertChunk.Bind(series.Id, x.MinStep, x.MaxStep, slice.Length, Real(x.Lowest.Value), Real(x.Highest.Value),
                    x.Lowest.Step, x.Lowest.Timestamp, x.Highest.Step, x.Highest.Timestamp, MetricChunkCodec.Encode(slice)).ExecuteNonQuery();
            }
            foreach (var p in span) series.Add(p);
            _sql.UpdateSeries.Bind(series.Count, Real(series.Latest.Value), series.Latest.Step, series.Latest.Timestamp,
                Real(series.Min), Real(series.Max), series.Id).ExecuteNonQuery();
        }
        foreach (var (series, points) in _staged) _pendingLive.Add((series.RunId, series.Key, points));
    }

    private void EndTransaction()
    {
        _transaction?.Dispose();
        _transaction = null;
        _sql.Enlist(null);
        _ab.Enlist(null);
        _predictions.Enlist(null);
        _registry.Enlist(null);
        _edits.Enlist(null);
    }

    private void ClearPending()
    {
        _staged.Clear();
        _stagedBatches.Clear();
        _pendingLive.Clear();
        _pendingRunChanges.Clear();
        _pendingEndedRuns.Clear();
        _pendingExperimentChange = false;
        _pendingAbTests.Clear();
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    private static string GeneratedRunName(string runId) => $"run-{runId[..8]}";
}
