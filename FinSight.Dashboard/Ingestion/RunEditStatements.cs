using Microsoft.Data.Sqlite;

namespace FinSight.Dashboard.Ingestion;

/// <summary>The writer's statements for editing what exists: experiment tags, a run's status, name, lifecycle and tags.</summary>
public sealed class RunEditStatements : PreparedStatementSet
{
    public RunEditStatements(SqliteConnection connection) : base(connection)
    {
        UpsertExperimentTag = Make(
            "INSERT INTO experiment_tags (ExperimentId, Key, Value) VALUES ($experimentId, $key, $value) ON CONFLICT (ExperimentId, Key) DO UPDATE SET Value = excluded.Value",
            "$experimentId", "$key", "$value");
        DeleteExperimentTag = Make("DELETE FROM experiment_tags WHERE ExperimentId = $experimentId AND Key = $key", "$experimentId", "$key");
        SelectRun = Make("SELECT ExperimentId, Name, Status, StartTime, EndTime, Owner, LifecycleStage FROM runs WHERE RunId = $runId", "$runId");
        UpdateRun = Make("UPDATE runs SET Status = $status, EndTime = $endTime, Name = $name WHERE RunId = $runId", "$status", "$endTime", "$name", "$runId");
        RenameRun = Make("UPDATE runs SET Name = $name WHERE RunId = $runId", "$name", "$runId");
        SetRunLifecycle = Make("UPDATE runs SET LifecycleStage = $stage WHERE RunId = $runId", "$stage", "$runId");
        DeleteTag = Make("DELETE FROM tags WHERE RunId = $runId AND Key = $key", "$runId", "$key");
    }

    public SqliteCommand UpsertExperimentTag { get; }
    public SqliteCommand DeleteExperimentTag { get; }
    public SqliteCommand SelectRun { get; }
    public SqliteCommand UpdateRun { get; }
    public SqliteCommand RenameRun { get; }
    public SqliteCommand SetRunLifecycle { get; }
    public SqliteCommand DeleteTag { get; }
}
