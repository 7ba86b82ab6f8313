namespace FinSight.Core.AbTesting;

/// <summary>
/// A frequentist comparison of one treatment with control on one metric, unadjusted for multiple
/// comparisons. Differences are treatment − control. Every part is null where it is undefined (no
/// observations, too few for a variance, or no variance on either side), never NaN.
/// </summary>
/// <param name="Difference">Treatment mean − control mean (the absolute lift).</param>
/// <param name="DifferenceCi">Confidence interval of <paramref name="Difference"/>.</param>
/// <param name="RelativeLift">(treatment − control) / control; null when the control mean is 0.</param>
/// <param name="RelativeLiftCi">Delta-method confidence interval of <paramref name="RelativeLift"/>.</param>
/// <param name="Statistic">The z statistic (binary) or Welch's t statistic (continuous).</param>
/// <param name="DegreesOfFreedom">Welch–Satterthwaite degrees of freedom; null for the z-test.</param>
/// <param name="PValue">Two-sided p-value.</param>
public sealed record TreatmentComparison(
    double? Difference,
    ConfidenceInterval? DifferenceCi,
    double? RelativeLift,
    ConfidenceInterval? RelativeLiftCi,
    double? Statistic,
    double? DegreesOfFreedom,
    double? PValue)
{
    /// <summary>Nothing to compare (a side without observations).</summary>
    public static TreatmentComparison None { get; } = new(null, null, null, null, null, null, null);
}
