using Microsoft.Data.Sqlite;

namespace FinSight.Dashboard.Ingestion;

/// <summary>The writer's prepared statements for prediction series, on the writer's own connection.</summary>
public sealed class PredictionStatements : PreparedStatementSet
{
    public PredictionStatements(SqliteConnection connection) : base(connection)
    {
        SelectSeries = Make(
            "SELECT Step, PeriodsPerYear, Actual, Predicted, Returns FROM run_prediction_series WHERE RunId = $runId AND BatchId = $batchId",
            "$runId", "$batchId");
        CountSeries = Make("SELECT COUNT(*) FROM run_prediction_series WHERE RunId = $runId", "$runId");
        InsertSeries = Make(
            "INSERT INTO run_prediction_series (RunId, BatchId, Step, CreatedAt, PointCount, PeriodsPerYear, Actual, Predicted, Returns) " +
            "VALUES ($runId, $batchId, $step, $createdAt, $count, $periodsPerYear, $actual, $predicted, $returns)",
            "$runId", "$batchId", "$step", "$createdAt", "$count", "$periodsPerYear", "$actual", "$predicted", "$returns");
    }

    public SqliteCommand SelectSeries { get; }
    public SqliteCommand CountSeries { get; }
    public SqliteCommand InsertSeries { get; }
}
