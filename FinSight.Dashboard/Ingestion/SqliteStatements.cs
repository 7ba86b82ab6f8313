using Microsoft.Data.Sqlite;

namespace FinSight.Dashboard.Ingestion;

/// <summary>The writer's prepared statements for experiments, runs, params, tags and metric chunks.</summary>
public sealed class SqliteStatements : PreparedStatementSet
{
    public SqliteStatements(SqliteConnection connection) : base(connection)
    {
        SelectExperimentByName = Make("SELECT Id, LifecycleStage FROM experiments WHERE Name = $name", "$name");
        SelectExperimentById = Make("SELECT Name, LifecycleStage FROM experiments WHERE Id = $id", "$id");
        InsertExperiment = Make(
            "INSERT INTO experiments (Name, Description, LifecycleStage, CreationTime, LastUpdateTime) VALUES ($name, $description, 'active', $now, $now) RETURNING Id",
            "$name", "$description", "$now");
        GrantManage = Make(
            "INSERT INTO experiment_permissions (ExperimentId, UserId, Level, UpdateTime) VALUES ($experimentId, $userId, 'MANAGE', $now)",
            "$experimentId", "$userId", "$now");
        TouchExperiment = Make("UPDATE experiments SET LastUpdateTime = $now WHERE Id = $id", "$now", "$id");
        UpdateExperiment = Make(
            "UPDATE experiments SET Name = $name, Description = $description, LastUpdateTime = $now WHERE Id = $id",
            "$name", "$description", "$now", "$id");
        SetExperimentLifecycle = Make("UPDATE experiments SET LifecycleStage = $stage, LastUpdateTime = $now WHERE Id = $id", "$stage", "$now", "$id");
        UpsertMetricDirection = Make(
            "INSERT INTO metric_directions (ExperimentId, Key, Direction, UpdateTime) VALUES ($experimentId, $key, $direction, $now) ON CONFLICT (ExperimentId, Key) DO UPDATE SET Direction = excluded.Direction, UpdateTime = excluded.UpdateTime",
            "$experimentId", "$key", "$direction", "$now");
        DeleteMetricDirection = Make("DELETE FROM metric_directions WHERE ExperimentId = $experimentId AND Key = $key", "$experimentId", "$key");
        InsertRun = Make(
            "INSERT INTO runs (RunId, ExperimentId, Name, Status, StartTime, EndTime, Owner, LifecycleStage, ArtifactUri) VALUES ($runId, $experimentId, $name, $status, $startTime, NULL, $owner, 'active', $artifactUri)",
            "$runId", "$experimentId", "$name", "$status", "$startTime", "$owner", "$artifactUri");
        SelectRunLifecycle = Make("SELECT LifecycleStage FROM runs WHERE RunId = $runId", "$runId");
        EndRun = Make("UPDATE runs SET Status = $status, EndTime = $endTime WHERE RunId = $runId", "$status", "$endTime", "$runId");
        SelectSeriesOfRun = Make(
            "SELECT Id, Key, PointCount, LatestValue, LatestStep, LatestTimestamp, MinValue, MaxValue FROM metric_series WHERE RunId = $runId",
            "$runId");
        InsertSeries = Make(
            "INSERT INTO metric_series (RunId, Key, PointCount, LatestValue, LatestStep, LatestTimestamp, MinValue, MaxValue) VALUES ($runId, $key, 0, NULL, 0, 0, NULL, NULL) RETURNING Id",
            "$runId", "$key");
        UpdateSeries = Make(
            "UPDATE metric_series SET PointCount = $count, LatestValue = $latest, LatestStep = $latestStep, LatestTimestamp = $latestTimestamp, MinValue = $min, MaxValue = $max WHERE Id = $id",
            "$count", "$latest", "$latestStep", "$latestTimestamp", "$min", "$max", "$id");
        InsertChunk = Make(
            "INSERT INTO metric_chunks (SeriesId, MinStep, MaxStep, PointCount, MinValue, MaxValue, MinPointStep, MinPointTimestamp, MaxPointStep, MaxPointTimestamp, Data) " +
            "VALUES ($seriesId, $minStep, $maxStep, $count, $min, $max, $minPointStep, $minPointTimestamp, $maxPointStep, $maxPointTimestamp, $data)",
            "$seriesId", "$minStep", "$maxStep", "$count", "$min", "$max", "$minPointStep", "$minPointTimestamp", "$maxPointStep", "$maxPointTimestamp", "$data");
        // Sizes from the covering index first; only chunks about to be merged have their blobs read.
        SelectChunksOfSeries = Make("SELECT Id, PointCount FROM metric_chunks WHERE SeriesId = $seriesId ORDER BY Id", "$seriesId");
        SelectChunkData = Make("SELECT Data FROM metric_chunks WHERE Id = $id", "$id");
        UpdateChunk = Make(
            "UPDATE metric_chunks SET MinStep = $minStep, MaxStep = $maxStep, PointCount = $count, MinValue = $min, MaxValue = $max, " +
            "MinPointStep = $minPointStep, MinPointTimestamp = $minPointTimestamp, MaxPointStep = $maxPointStep, MaxPointTimestamp = $maxPointTimestamp, Data = $data WHERE Id = $id",
            "$minStep", "$maxStep", "$count", "$min", "$max", "$minPointStep", "$minPointTimestamp", "$maxPointStep", "$maxPointTimestamp", "$data", "$id");
        DeleteChunk = Make("DELETE FROM metric_chunks WHERE Id = $id", "$id");
        SelectBatch = Make("SELECT PointCount FROM ingested_batches WHERE RunId = $runId AND BatchId = $batchId", "$runId", "$batchId");
        InsertBatch = Make(
            "INSERT INTO ingested_batches (RunId, BatchId, PointCount, CommittedAt) VALUES ($runId, $batchId, $count, $now)",
            "$runId", "$batchId", "$count", "$now");
        SelectParam = Make("SELECT Value FROM params WHERE RunId = $runId AND Key = $key", "$runId", "$key");
        InsertParam = Make("INSERT INTO params (RunId, Key, Value) VALUES ($runId, $key, $value)", "$runId", "$key", "$value");
        UpsertTag = Make(
            "INSERT INTO tags (RunId, Key, Value) VALUES ($runId, $key, $value) ON CONFLICT (RunId, Key) DO UPDATE SET Value = excluded.Value",
            "$runId", "$key", "$value");
    }

    public SqliteCommand SelectExperimentByName { get; }
    public SqliteCommand SelectExperimentById { get; }
    public SqliteCommand InsertExperiment { get; }
    public SqliteCommand GrantManage { get; }
    public SqliteCommand TouchExperiment { get; }
    public SqliteCommand UpdateExperiment { get; }
    public SqliteCommand SetExperimentLifecycle { get; }
    public SqliteCommand UpsertMetricDirection { get; }
    public SqliteCommand DeleteMetricDirection { get; }
    public SqliteCommand InsertRun { get; }
    public SqliteCommand SelectRunLifecycle { get; }
    public SqliteCommand EndRun { get; }
    public SqliteCommand SelectSeriesOfRun { get; }
    public SqliteCommand InsertSeries { get; }
    public SqliteCommand UpdateSeries { get; }
    public SqliteCommand InsertChunk { get; }
    public SqliteCommand SelectChunksOfSeries { get; }
    public SqliteCommand SelectChunkData { get; }
    public SqliteCommand UpdateChunk { get; }
    public SqliteCommand DeleteChunk { get; }
    public SqliteCommand SelectBatch { get; }
    public SqliteCommand InsertBatch { get; }
    public SqliteCommand SelectParam { get; }
    public SqliteCommand InsertParam { get; }
    public SqliteCommand UpsertTag { get; }
}

/// <summary>Binds parameters positionally: each statement's parameters were declared in call order.</summary>
public static class SqliteCommandBinding
{
    public static SqliteCommand Bind(this SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        return command;
    }

    /// <summary>SQLite turns NaN into NULL; write NULL on purpose so reading NULL back as NaN is the documented rule.</summary>
    public static object? Real(double value) => double.IsNaN(value) ? null : value;

    public static double RealOrNaN(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? double.NaN : reader.GetDouble(ordinal);
}
