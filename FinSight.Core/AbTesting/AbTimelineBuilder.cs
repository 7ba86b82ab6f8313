namespace FinSight.Core.AbTesting;

/// <summary>
/// Replays the daily rows into cumulative results: what the analysis would have said at the end of each
/// day, for the charts. Lifts are unadjusted, like any single look; the decision uses only the latest state.
/// </summary>
public static class AbTimelineBuilder
{
    /// <summary>
    /// One point per day (UTC) with any units or observations, in date order: cumulative units per variant
    /// (every variant a key, 0 before its first unit), the SRM p-value of those units, and each treatment's
    /// cumulative relative lift on the primary metric with its interval. Rows for unknown variants are ignored.
    /// </summary>
    public static AbTimeline Build(AbTestDesign design, AbTestData data)
    {
        var variants = design.Variants;
        var index = variants.Select((v, i) => (v.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        var primary = design.Primary;

        var unitsByDay = data.DailyUnits
            .Where(u => u.Units != 0 && index.ContainsKey(u.Variant))
            .ToLookup(u => u.Day);
        var totalsByDay = data.DailyTotals
            .Where(t => t.N != 0 && index.ContainsKey(t.Variant) && design.Metric(t.Metric) is not null)
            .ToLookup(t => t.Day);
        var days = unitsByDay.Select(g => g.Key).Union(totalsByDay.Select(g => g.Key)).Order();

        var units = new long[variants.Count];
        var primaryTotals = new SufficientStatistics[variants.Count];
        var weights = variants.Select(v => v.Weight).ToArray();
        var controlIndex = index[design.Control];
        var points = new List<AbTimelinePoint>();
        foreach (var day in days)
        {
            foreach (var row in unitsByDay[day]) units[index[row.Variant]] += row.Units;
            foreach (var row in totalsByDay[day].Where(t => t.Metric == primary.Key))
                primaryTotals[index[row.Variant]] = primaryTotals[index[row.Variant]].Add(new(row.N, row.Sum, row.SumSquares));

            var lifts = new Dictionary<string, AbLiftPoint>(StringComparer.Ordinal);
            foreach (var treatment in design.Treatments)
            {
                var comparison = MetricComparison.Compare(
                    primary.Kind, primaryTotals[controlIndex], primaryTotals[index[treatment.Name]], design.Alpha);
                lifts[treatment.Name] = new AbLiftPoint(comparison.RelativeLift, comparison.RelativeLiftCi?.Low, comparison.RelativeLiftCi?.High);
            }
            points.Add(new AbTimelinePoint(
                day,
                variants.Select((v, i) => (v.Name, Units: units[i])).ToDictionary(p => p.Name, p => p.Units, StringComparer.Ordinal),
                SampleRatioCheck.PValue(units, weights),
                lifts));
        }
        return new AbTimeline(points);
    }
}
