namespace FinSight.Core.Analysis.Comparison;

/// <summary>The Pareto front over two metrics: the runs no other run beats on one metric without being worse on the other.</summary>
public static class ParetoAnalysis
{
    /// <summary>
    /// Places each run by its values of <paramref name="x"/> and <paramref name="y"/> and marks the front, honouring
    /// each metric's direction. Runs without a finite value of either metric (missing, NaN, infinite) are excluded
    /// and listed. Runs with identical values are both on the front or both off it.
    /// </summary>
    public static ParetoFront Front(ComparisonMetric x, ComparisonMetric y, IReadOnlyList<(string RunId, double? X, double? Y)> runs)
    {
        var included = new List<(string RunId, double X, double Y)>();
        var excluded = new List<ParetoExclusion>();
        foreach (var (runId, xValue, yValue) in runs)
        {
            var missing = new List<string>();
            if (xValue is not { } xv || !double.IsFinite(xv)) missing.Add(x.Key);
            if (yValue is not { } yv || !double.IsFinite(yv)) missing.Add(y.Key);
            if (missing.Count > 0) excluded.Add(new ParetoExclusion(runId, missing));
            else included.Add((runId, xValue!.Value, yValue!.Value));
        }
        MetricDirection[] directions = [x.Direction, y.Direction];
        var points = included.Select(p => new ParetoPoint(p.RunId, p.X, p.Y,
            !included.Any(o => Dominance.Dominates([o.X, o.Y], [p.X, p.Y], directions)))).ToList();
        return new ParetoFront(x, y, points, excluded);
    }
}
