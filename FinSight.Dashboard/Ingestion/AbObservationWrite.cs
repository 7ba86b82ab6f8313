using FinSight.Core.AbTesting;
using FinSight.Core.Contracts;
using FinSight.Core.Tracking;
using static FinSight.Dashboard.Ingestion.SqliteCommandBinding;

namespace FinSight.Dashboard.Ingestion;

/// <summary>
/// Stores an A/B observation batch inside the writer's group transaction: the batch id, new units and
/// their daily exposure counts, and the batch's sums added to each variant × metric's sufficient
/// statistics (total and per UTC day). Everything that can refuse the batch is checked before the
/// first write, so a refused batch leaves nothing behind in the shared group.
/// </summary>
public static class AbObservationWrite
{
    private const long DayMs = 86_400_000;

    public static BatchAck LogObservations(this TrackingWriteSession session, long testId, string batchId, IncomingObservation[] observations, IReadOnlyList<AbVariant> variants)
    {
        var sql = session.AbTests;
        var now = session.CurrentTime;
        RequireCollecting(sql, testId, now);

        using (var reader = sql.SelectBatch.Bind(testId, batchId).ExecuteReader())
        {
            if (reader.Read()) return new BatchAck { BatchId = batchId, Accepted = reader.GetInt32(0), Duplicate = true };
        }

        var newUnits = NewUnits(sql, testId, observations, variants);

        var day = (int)(now / DayMs);
        foreach (var (unitId, variant) in newUnits) sql.InsertUnit.Bind(testId, unitId, variant, now).ExecuteNonQuery();
        foreach (var group in newUnits.GroupBy(u => u.Value))
            sql.AddDailyUnits.Bind(testId, day, group.Key, (long)group.Count()).ExecuteNonQuery();
        foreach (var ((variant, metric), totals) in Sum(observations))
        {
            sql.AddTotals.Bind(testId, variant, metric, totals.N, totals.Sum, totals.SumSquares).ExecuteNonQuery();
            sql.AddDailyTotals.Bind(testId, day, variant, metric, totals.N, totals.Sum, totals.SumSquares).ExecuteNonQuery();
        }
        sql.InsertBatch.Bind(testId, batchId, observations.Length, now).ExecuteNonQuery();
        session.NotifyAbTestAfterCommit(testId);
        return new BatchAck { BatchId = batchId, Accepted = observations.Length, Duplicate = false };
    }

    /// <summary>Observations are taken only while the test runs (and before its end date, even if the scheduler has not closed it yet).</summary>
    private static void RequireCollecting(AbTestStatements sql, long testId, long now)
    {
        using var reader = sql.SelectTest.Bind(testId).ExecuteReader();
        if (!reader.Read()) throw TrackingException.NotFound($"A/B test {testId} does not exist.");
        var status = AbTestStatuses.Parse(reader.GetString(0));
        long? endsAt = reader.IsDBNull(1) ? null : reader.GetInt64(1);
        switch (status)
        {
            case AbTestStatus.Draft:
                throw TrackingException.Conflict($"A/B test {testId} is a draft; start it before sending observations.");
            case AbTestStatus.Stopped or AbTestStatus.Ended:
                throw TrackingException.Conflict($"A/B test {testId} is {status.ToWire()} and takes no more observations.");
        }
        if (endsAt is { } end && end <= now)
            throw TrackingException.Conflict($"A/B test {testId} ended at its end date ({DateTimeOffset.FromUnixTimeMilliseconds(end):u}) and takes no more observations.");
    }

    /// <summary>
    /// The batch's units not stored before, with their variant. A unit stays in the variant it was first
    /// served: one that shows up in another (in this batch or against what is stored) is refused, because
    /// counting it twice would bias the comparison.
    /// </summary>
    private static Dictionary<string, int> NewUnits(AbTestStatements sql, long testId, IncomingObservation[] observations, IReadOnlyList<AbVariant> variants)
    {
        var inBatch = new Dictionary<string, (int Variant, int Index)>(StringComparer.Ordinal);
        for (var i = 0; i < observations.Length; i++)
        {
            var o = observations[i];
            if (inBatch.TryGetValue(o.UnitId, out var first))
            {
                if (first.Variant != o.Variant)
                    throw TrackingException.Invalid($"observations[{i}].variant: unit '{o.UnitId}' is in variant '{variants[first.Variant].Name}' at observations[{first.Index}] and '{variants[o.Variant].Name}' here; a unit stays in one variant.");
            }
            else inBatch[o.UnitId] = (o.Variant, i);
        }
        var fresh = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (unitId, (variant, index)) in inBatch)
        {
            using var reader = sql.SelectUnit.Bind(testId, unitId).ExecuteReader();
            if (!reader.Read()) fresh[unitId] = variant;
            else if (reader.GetInt32(0) is var stored && stored != variant)
                throw TrackingException.Conflict($"observations[{index}].variant: unit '{unitId}' was served '{variants[stored].Name}' before, not '{variants[variant].Name}'; a unit stays in one variant of a test.");
        }
        return fresh;
    }

    private static Dictionary<(int Variant, int Metric), (long N, double Sum, double SumSquares)> Sum(IncomingObservation[] observations)
    {
        var sums = new Dictionary<(int, int), (long N, double Sum, double SumSquares)>();
        foreach (var o in observations)
        {
            var key = (o.Variant, o.Metric);
            sums.TryGetValue(key, out var s);
            sums[key] = (s.N + 1, s.Sum + o.Value, s.SumSquares + o.Value * o.Value);
        }
        return sums;
    }
}
