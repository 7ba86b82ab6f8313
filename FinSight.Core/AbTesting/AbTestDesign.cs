using FinSight.Core.Analysis;

namespace FinSight.Core.AbTesting;

/// <summary>How a metric is measured: a conversion (0 or 1 per unit) or a number per unit.</summary>
public enum AbMetricKind
{
    /// <summary>Every observation is 0 or 1; the statistic is a rate.</summary>
    Binary,

    /// <summary>Any finite number; the statistic is a mean.</summary>
    Continuous,
}

/// <summary>One variant: a label, its share of traffic, and what it serves.</summary>
public sealed record AbVariant(string Name, double Weight, string? ModelRef);

/// <summary>One metric of a test. <see cref="Baseline"/> and <see cref="BaselineStdDev"/> feed the power analysis.</summary>
public sealed record AbMetric(
    string Key, AbMetricKind Kind, MetricDirection Direction, bool Guardrail,
    double? Baseline = null, double? BaselineStdDev = null)
{
    /// <summary>"binary" or "continuous".</summary>
    public string KindName => Kind == AbMetricKind.Binary ? "binary" : "continuous";
}

/// <summary>
/// A validated test definition: what the statistics engine needs to analyse it. Built only by
/// <see cref="AbTestDesignValidator"/>, so every instance satisfies the rules (weights sum to 1,
/// one primary metric, control among the variants, planned sample size known).
/// </summary>
public sealed record AbTestDesign(
    IReadOnlyList<AbVariant> Variants,
    string Control,
    IReadOnlyList<AbMetric> Metrics,
    double Alpha,
    double Power,
    long? MinSampleSize,
    double? MinDetectableEffect,
    long PlannedSampleSize)
{
    /// <summary>The one metric that decides the winner.</summary>
    public AbMetric Primary => Metrics.First(m => !m.Guardrail);

    /// <summary>Metrics that must not get significantly worse.</summary>
    public IEnumerable<AbMetric> Guardrails => Metrics.Where(m => m.Guardrail);

    /// <summary>The variant every other is compared with.</summary>
    public AbVariant ControlVariant => Variants.First(v => v.Name == Control);

    /// <summary>The variants compared with control, in definition order.</summary>
    public IEnumerable<AbVariant> Treatments => Variants.Where(v => v.Name != Control);

    /// <summary>The variant named, or null.</summary>
    public AbVariant? Variant(string name) => Variants.FirstOrDefault(v => v.Name == name);

    /// <summary>The metric named, or null.</summary>
    public AbMetric? Metric(string key) => Metrics.FirstOrDefault(m => m.Key == key);
}
