using FinSight.Core.Analysis.Financial;
using FinSight.Core.Storage;
using FinSight.Core.Tracking;

namespace FinSight.Dashboard.Ingestion;

/// <summary>What the writer did with a prediction series: stored it (and its metrics), or found it stored before.</summary>
/// <param name="Duplicate">True when the batch id was stored before; <paramref name="Series"/> is then the stored series.</param>
/// <param name="Step">The step its metrics were logged at.</param>
/// <param name="Series">The series stored under the batch id.</param>
public sealed record PredictionWriteResult(bool Duplicate, long Step, PredictionSeries Series);

/// <summary>
/// Stores a prediction series inside the writer's group transaction, together with its <c>fin/*</c> metrics as ordinary
/// metric points of the run (the same staging as any metric batch), so both commit or neither does.
/// </summary>
public static class PredictionWrite
{
    /// <param name="step">The metrics' step; null: the number of series the run had before.</param>
    /// <param name="metrics">The defined metrics to log.</param>
    public static PredictionWriteResult LogPredictions(this TrackingWriteSession session, string runId, string batchId, PredictionSeries series,
        long? step, IReadOnlyList<KeyValuePair<string, double>> metrics)
    {
        session.RequireActiveRun(runId);
        var sql = session.Predictions;
        if (Stored(sql, runId, batchId) is { } earlier) return earlier;

        var at = step ?? Convert.ToInt64(sql.CountSeries.Bind(runId).ExecuteScalar());
        var now = session.CurrentTime;
        sql.InsertSeries.Bind(runId, batchId, at, now, series.Count, series.PeriodsPerYear,
            PackedDoubles.Encode(series.Actual), PackedDoubles.Encode(series.Predicted),
            series.Returns is { } returns ? PackedDoubles.Encode(returns) : null).ExecuteNonQuery();
        var points = new IncomingPoint[metrics.Count];
        for (var i = 0; i < points.Length; i++) points[i] = new IncomingPoint(metrics[i].Key, at, now, metrics[i].Value);
        session.LogBatch(runId, null, points, [], []);
        return new PredictionWriteResult(false, at, series);
    }

    private static PredictionWriteResult? Stored(PredictionStatements sql, string runId, string batchId)
    {
        using var reader = sql.SelectSeries.Bind(runId, batchId).ExecuteReader();
        if (!reader.Read()) return null;
        var series = PredictionSeries.Create(
            PackedDoubles.Decode((byte[])reader[2]), PackedDoubles.Decode((byte[])reader[3]),
            reader.IsDBNull(4) ? null : PackedDoubles.Decode((byte[])reader[4]), reader.GetDouble(1));
        return new PredictionWriteResult(true, reader.GetInt64(0), series);
    }
}
