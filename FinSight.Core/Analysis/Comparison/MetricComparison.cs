namespace FinSight.Core.Analysis.Comparison;

/// <summary>One chosen metric across the compared runs.</summary>
/// <param name="Metric">The metric, with its direction and aggregate.</param>
/// <param name="Values">Each run's value (best or last, per <see cref="ComparisonMetric.Aggregate"/>) in run order; null where a run lacks the metric.</param>
/// <param name="Ranking">Run ids best first, as <see cref="RunRanking.Rank{T}"/> orders them (ties share a rank; missing and NaN last, unranked).</param>
public sealed record MetricComparison(ComparisonMetric Metric, IReadOnlyList<double?> Values, IReadOnlyList<RankedEntry<string>> Ranking);
