namespace FinSight.Core.Analysis.Comparison;

/// <summary>Pareto dominance between runs: one run dominates another when it is at least as good on every metric and strictly better on one.</summary>
public static class Dominance
{
    /// <summary>Whether values <paramref name="a"/> dominate values <paramref name="b"/>, metric by metric in <paramref name="directions"/>; NaN never dominates nor is dominated.</summary>
    public static bool Dominates(IReadOnlyList<double> a, IReadOnlyList<double> b, IReadOnlyList<MetricDirection> directions)
    {
        if (a.Count != directions.Count || b.Count != directions.Count)
            throw new ArgumentException("Each run needs one value per metric.");
        var strictlyBetter = false;
        for (var i = 0; i < directions.Count; i++)
        {
            if (double.IsNaN(a[i]) || double.IsNaN(b[i])) return false;
            if (directions[i].IsBetter(b[i], a[i])) return false;
            strictlyBetter |= directions[i].IsBetter(a[i], b[i]);
        }
        return strictlyBetter;
    }

    /// <summary>
    /// The dominated runs among <paramref name="runIds"/>, in input order. <paramref name="values"/> holds, per run
    /// (in the same order), a value per metric of <paramref name="metrics"/>. Runs missing a value or with NaN on
    /// any metric cannot be compared on all of them: they neither dominate nor are dominated.
    /// </summary>
    public static IReadOnlyList<DominatedRunFinding> FindDominated(IReadOnlyList<string> runIds, IReadOnlyList<IReadOnlyList<double?>> values,
        IReadOnlyList<ComparisonMetric> metrics)
    {
        if (values.Count != runIds.Count) throw new ArgumentException("One row of values per run is needed.", nameof(values));
        var directions = metrics.Select(m => m.Direction).ToList();
        var complete = new List<(string RunId, double[] Values)>();
        for (var r = 0; r < runIds.Count; r++)
        {
            if (values[r].Count == metrics.Count && values[r].All(v => v is { } d && !double.IsNaN(d)))
                complete.Add((runIds[r], values[r].Select(v => v!.Value).ToArray()));
        }
        var dominators = complete.Select(run => Enumerable.Range(0, complete.Count)
            .Where(o => Dominates(complete[o].Values, run.Values, directions)).ToList()).ToList();
        var result = new List<DominatedRunFinding>();
        for (var i = 0; i < complete.Count; i++)
        {
            if (dominators[i].Count == 0) continue;
            // Point the reader at a run worth keeping: one nobody dominates (there always is one, dominance being a strict order).
            var ordered = dominators[i].OrderBy(o => dominators[o].Count == 0 ? 0 : 1).ToList();
            var best = complete[ordered[0]].Values;
            var betterOn = metrics.Where((m, k) => m.Direction.IsBetter(best[k], complete[i].Values[k])).Select(m => m.Key).ToList();
            result.Add(new DominatedRunFinding(complete[i].RunId, ordered.Select(o => complete[o].RunId).ToList(), betterOn));
        }
        return result;
    }
}
