namespace FinSight.Core.Analysis.Comparison;

/// <summary>A chosen metric: its key, which way it improves, and which value stands for each run.</summary>
/// <param name="Key">The metric key.</param>
/// <param name="Direction">Which way the metric improves (a user's saved choice, or <see cref="MetricDirections.Infer"/>).</param>
/// <param name="Aggregate">Each run's best value or its last one (see <see cref="RunRanking.Pick"/>).</param>
public sealed record ComparisonMetric(string Key, MetricDirection Direction, MetricAggregate Aggregate = MetricAggregate.Best);
