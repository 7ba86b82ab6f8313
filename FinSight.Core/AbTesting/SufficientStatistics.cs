namespace FinSight.Core.AbTesting;

/// <summary>
/// Count, sum and sum of squares of one metric in one variant: everything the tests need, since the
/// observations themselves are not kept. For a binary metric <see cref="Sum"/> is the number of conversions.
/// </summary>
public readonly record struct SufficientStatistics(long N, double Sum, double SumSquares)
{
    /// <summary>No observations.</summary>
    public static SufficientStatistics Empty => default;

    /// <summary>The mean (the rate, for a binary metric), or null without observations (or if the sum overflowed).</summary>
    public double? Mean => N > 0 && double.IsFinite(Sum) ? Sum / N : null;

    /// <summary>
    /// The sample variance (ddof = 1), or null with fewer than 2 observations. Computed as
    /// (Σx² − (Σx)²/n)/(n − 1), which can come out slightly negative from rounding when every value is
    /// (nearly) equal; that is clamped to 0 rather than passed on as a NaN standard deviation. Null too if the
    /// sums overflowed.
    /// </summary>
    public double? Variance
    {
        get
        {
            if (N < 2 || Mean is not { } mean) return null;
            // Σx·mean rather than (Σx)²/n: the same value, without overflowing where Σx² itself does not.
            var variance = Math.Max(0, (SumSquares - Sum * mean) / (N - 1));
            return double.IsFinite(variance) ? variance : null;
        }
    }

    /// <summary>
    /// The conversion rate clamped to [0, 1], or null without observations. Observations are validated as
    /// 0 or 1, so the clamp only keeps a corrupted row from producing a negative variance downstream.
    /// </summary>
    public double? Rate => N > 0 ? Math.Clamp(Sum / N, 0, 1) : null;

    /// <summary>The number of conversions clamped to [0, <see cref="N"/>] (see <see cref="Rate"/>).</summary>
    public double Conversions => Math.Clamp(Sum, 0, N);

    /// <summary>Both sets of observations together.</summary>
    public SufficientStatistics Add(SufficientStatistics other) =>
        new(N + other.N, Sum + other.Sum, SumSquares + other.SumSquares);

    /// <summary>The statistics of a stored row.</summary>
    public static SufficientStatistics From(AbMetricTotals totals) => new(totals.N, totals.Sum, totals.SumSquares);

    /// <summary>The statistics of raw observations (for tests and simulations).</summary>
    public static SufficientStatistics Of(IEnumerable<double> values)
    {
        long n = 0;
        double sum = 0, sumSquares = 0;
        foreach (var value in values)
        {
            n++;
            sum += value;
            sumSquares += value * value;
        }
        return new(n, sum, sumSquares);
    }
}
