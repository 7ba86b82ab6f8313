namespace FinSight.Core.Analysis.Comparison;

/// <summary>The Pareto front of the compared runs over two metrics, each with its own direction.</summary>
/// <param name="X">The metric on the x axis.</param>
/// <param name="Y">The metric on the y axis.</param>
/// <param name="Points">Every run with finite values of both metrics, in input order.</param>
/// <param name="Excluded">The runs without them, in input order.</param>
public sealed record ParetoFront(ComparisonMetric X, ComparisonMetric Y, IReadOnlyList<ParetoPoint> Points, IReadOnlyList<ParetoExclusion> Excluded)
{
    /// <summary>The points on the front ordered by x ascending, then y (better first), ready to be connected by a line.</summary>
    public IReadOnlyList<ParetoPoint> Front => Points.Where(p => p.OnFront)
        .OrderBy(p => p.X)
        .ThenBy(p => Y.Direction == MetricDirection.Minimize ? p.Y : -p.Y)
        .ToList();
}
