namespace FinSight.Core.Analysis.Kpis;

/// <summary>Which experiments improved most on a metric in a window.</summary>
public static class MetricImprovement
{
    /// <summary>
    /// The improvement of <paramref name="best"/> over <paramref name="baseline"/> as a fraction of |baseline|,
    /// positive when better: (baseline − best) / |baseline| when lower is better, (best − baseline) / |baseline|
    /// when higher is. Null when it cannot be a fraction: a zero, NaN or infinite baseline, or a NaN or infinite best.
    /// </summary>
    public static double? Relative(double baseline, double best, MetricDirection direction)
    {
        if (!double.IsFinite(baseline) || !double.IsFinite(best) || baseline == 0) return null;
        var gain = direction == MetricDirection.Minimize ? baseline - best : best - baseline;
        return gain / Math.Abs(baseline);
    }

    /// <summary>
    /// One experiment's improvement: the best of its runs in the window over the best before the window
    /// (<paramref name="bestBefore"/>), or, when it had no run before, over its first run in the window (by start
    /// time). Null when no run in the window has a value, or the improvement is not a fraction (see <see cref="Relative"/>).
    /// </summary>
    public static ExperimentImprovement? Of(long experimentId, double? bestBefore, IEnumerable<WindowRunValue> runsInWindow, MetricDirection direction)
    {
        var runs = runsInWindow.Where(r => !double.IsNaN(r.Value)).OrderBy(r => r.StartTime).ToList();
        if (runs.Count == 0) return null;
        var best = runs.Select(r => r.Value).Aggregate((a, b) => direction.IsBetter(b, a) ? b : a);
        var before = bestBefore is { } b && !double.IsNaN(b);
        var baseline = before ? bestBefore!.Value : runs[0].Value;
        return Relative(baseline, best, direction) is { } relative
            ? new ExperimentImprovement(experimentId, baseline, before, best, relative)
            : null;
    }

    /// <summary>The <paramref name="count"/> largest improvements, largest first; experiments that did not improve are left out.</summary>
    public static IReadOnlyList<ExperimentImprovement> Top(IEnumerable<ExperimentImprovement> improvements, int count) =>
        improvements.Where(i => i.Relative > 0).OrderByDescending(i => i.Relative).ThenBy(i => i.ExperimentId).Take(count).ToList();
}
