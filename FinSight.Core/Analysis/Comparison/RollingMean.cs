namespace FinSight.Core.Analysis.Comparison;

/// <summary>A centred moving average: unlike an exponential average it does not lag, so a curve's minimum stays where it was.</summary>
public static class RollingMean
{
    /// <summary>
    /// Each value replaced by the mean of the values within <paramref name="halfWidth"/> positions of it on
    /// either side; near the ends the window is cut short rather than padded. Values must be finite.
    /// </summary>
    public static double[] Centered(IReadOnlyList<double> values, int halfWidth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(halfWidth);
        var n = values.Count;
        // Prefix sums: one pass whatever the width.
        var prefix = new double[n + 1];
        for (var i = 0; i < n; i++) prefix[i + 1] = prefix[i] + values[i];
        var result = new double[n];
        for (var i = 0; i < n; i++)
        {
            var from = Math.Max(0, i - halfWidth);
            var to = Math.Min(n - 1, i + halfWidth);
            result[i] = (prefix[to + 1] - prefix[from]) / (to - from + 1);
        }
        return result;
    }
}
