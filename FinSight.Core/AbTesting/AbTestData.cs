namespace FinSight.Core.AbTesting;

/// <summary>
/// Sufficient statistics of one metric in one variant: enough to compute a mean, a variance and a rate
/// without the observations themselves. For a binary metric <see cref="Sum"/> is the number of conversions.
/// </summary>
public sealed record AbMetricTotals(string Variant, string Metric, long N, double Sum, double SumSquares);

/// <summary>Distinct units seen in one variant (the exposures the sample-ratio check counts).</summary>
public sealed record AbVariantUnits(string Variant, long Units);

/// <summary>What one day (UTC) added to one metric of one variant.</summary>
public sealed record AbDailyTotals(DateOnly Day, string Variant, string Metric, long N, double Sum, double SumSquares);

/// <summary>Units first seen on one day (UTC) in one variant.</summary>
public sealed record AbDailyUnits(DateOnly Day, string Variant, long Units);

/// <summary>Everything stored about a test's observations, as the analysis reads it.</summary>
public sealed record AbTestData(
    IReadOnlyList<AbVariantUnits> Units,
    IReadOnlyList<AbMetricTotals> Totals,
    IReadOnlyList<AbDailyUnits> DailyUnits,
    IReadOnlyList<AbDailyTotals> DailyTotals)
{
    /// <summary>No observations yet.</summary>
    public static AbTestData Empty { get; } = new([], [], [], []);
}
