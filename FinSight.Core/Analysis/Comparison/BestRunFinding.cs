namespace FinSight.Core.Analysis.Comparison;

/// <summary>The best value of a metric among the compared runs and the runs that have it.</summary>
/// <param name="Metric">The metric, with its direction and aggregate.</param>
/// <param name="RunIds">The runs with the best value: one, or several when tied, in input order.</param>
/// <param name="Value">The best value.</param>
public sealed record BestRunFinding(ComparisonMetric Metric, IReadOnlyList<string> RunIds, double Value);
