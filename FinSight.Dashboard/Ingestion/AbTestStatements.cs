using Microsoft.Data.Sqlite;

namespace FinSight.Dashboard.Ingestion;

/// <summary>The writer's prepared statements for A/B test observations, on the writer's own connection.</summary>
public sealed class AbTestStatements : PreparedStatementSet
{
    public AbTestStatements(SqliteConnection connection) : base(connection)
    {
        SelectTest = Make("SELECT Status, EndsAt FROM ab_tests WHERE Id = $id", "$id");
        SelectBatch = Make("SELECT ObservationCount FROM ab_observation_batches WHERE TestId = $testId AND BatchId = $batchId", "$testId", "$batchId");
        InsertBatch = Make(
            "INSERT INTO ab_observation_batches (TestId, BatchId, ObservationCount, CommittedAt) VALUES ($testId, $batchId, $count, $now)",
            "$testId", "$batchId", "$count", "$now");
        SelectUnit = Make("SELECT Variant FROM ab_units WHERE TestId = $testId AND UnitId = $unitId", "$testId", "$unitId");
        InsertUnit = Make(
            "INSERT INTO ab_units (TestId, UnitId, Variant, FirstSeen) VALUES ($testId, $unitId, $variant, $now)",
            "$testId", "$unitId", "$variant", "$now");
        AddTotals = Make(
            "INSERT INTO ab_metric_totals (TestId, Variant, Metric, N, Sum, SumSquares) VALUES ($testId, $variant, $metric, $n, $sum, $sumSquares) " +
            "ON CONFLICT (TestId, Variant, Metric) DO UPDATE SET N = N + excluded.N, Sum = Sum + excluded.Sum, SumSquares = SumSquares + excluded.SumSquares",
            "$testId", "$variant", "$metric", "$n", "$sum", "$sumSquares");
        AddDailyTotals = Make(
            "INSERT INTO ab_daily_totals (TestId, Day, Variant, Metric, N, Sum, SumSquares) VALUES ($testId, $day, $variant, $metric, $n, $sum, $sumSquares) " +
            "ON CONFLICT (TestId, Day, Variant, Metric) DO UPDATE SET N = N + excluded.N, Sum = Sum + excluded.Sum, SumSquares = SumSquares + excluded.SumSquares",
            "$testId", "$day", "$variant", "$metric", "$n", "$sum", "$sumSquares");
        AddDailyUnits = Make(
            "INSERT INTO ab_daily_units (TestId, Day, Variant, Units) VALUES ($testId, $day, $variant, $units) " +
            "ON CONFLICT (TestId, Day, Variant) DO UPDATE SET Units = Units + excluded.Units",
            "$testId", "$day", "$variant", "$units");
    }

    public SqliteCommand SelectTest { get; }
    public SqliteCommand SelectBatch { get; }
    public SqliteCommand InsertBatch { get; }
    public SqliteCommand SelectUnit { get; }
    public SqliteCommand InsertUnit { get; }
    public SqliteCommand AddTotals { get; }
    public SqliteCommand AddDailyTotals { get; }
    public SqliteCommand AddDailyUnits { get; }
}
