using FinSight.Core.Contracts;

namespace FinSight.Core.Analysis;

/// <summary>Which value of a metric's history stands for a run when runs are compared.</summary>
public enum MetricAggregate
{
    /// <summary>The best value the run ever logged, honouring the metric's direction (minimum or maximum).</summary>
    Best,

    /// <summary>The value logged last.</summary>
    Last,
}

/// <summary>One item of a ranking.</summary>
/// <param name="Item">The ranked thing (a run).</param>
/// <param name="Value">The value it was ranked by; null when it has none, NaN when its value is NaN.</param>
/// <param name="Rank">1 for the best; tied values share a rank (1, 1, 3); null for missing and NaN values, which come last.</param>
public readonly record struct RankedEntry<T>(T Item, double? Value, int? Rank);

/// <summary>Orders runs by a metric, best first, the way the metric improves.</summary>
public static class RunRanking
{
    /// <summary>The best of a series whose minimum and maximum are known: the minimum when lower is better, else the maximum.</summary>
    public static double Best(MetricDirection direction, double min, double max) => direction == MetricDirection.Minimize ? min : max;

    /// <summary>The value that stands for a run's metric: its best (by <paramref name="direction"/>) or its last.</summary>
    public static double Pick(MetricSummary summary, MetricAggregate aggregate, MetricDirection direction) =>
        aggregate == MetricAggregate.Last ? summary.Latest : Best(direction, summary.Min, summary.Max);

    /// <summary>
    /// Ranks <paramref name="items"/> best first by <paramref name="value"/>. The order is stable: tied
    /// values keep their input order (and share a rank). Items without a value, or whose value is NaN,
    /// come last in input order, unranked. Infinities rank as the numbers they are.
    /// </summary>
    public static IReadOnlyList<RankedEntry<T>> Rank<T>(IEnumerable<T> items, Func<T, double?> value, MetricDirection direction)
    {
        var valued = new List<(T Item, double Value)>();
        var unranked = new List<RankedEntry<T>>();
        foreach (var item in items)
        {
            var v = value(item);
            if (v is { } number && !double.IsNaN(number)) valued.Add((item, number));
            else unranked.Add(new RankedEntry<T>(item, v, null));
        }
        // OrderBy is a stable sort: equal values keep the order they came in.
        var ordered = direction == MetricDirection.Minimize
            ? valued.OrderBy(x => x.Value)
            : valued.OrderByDescending(x => x.Value);
        var result = new List<RankedEntry<T>>(valued.Count + unranked.Count);
        var position = 0;
        var rank = 0;
        double previous = double.NaN;
        foreach (var (item, v) in ordered)
        {
            position++;
            if (position == 1 || v != previous) rank = position;
            previous = v;
            result.Add(new RankedEntry<T>(item, v, rank));
        }
        result.AddRange(unranked);
        return result;
    }
}
