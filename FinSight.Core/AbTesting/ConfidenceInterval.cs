namespace FinSight.Core.AbTesting;

/// <summary>A two-sided confidence interval, <see cref="Low"/> ≤ <see cref="High"/>.</summary>
public readonly record struct ConfidenceInterval(double Low, double High)
{
    /// <summary>An estimate ± a half-width.</summary>
    public static ConfidenceInterval Around(double estimate, double halfWidth) => new(estimate - halfWidth, estimate + halfWidth);
}
