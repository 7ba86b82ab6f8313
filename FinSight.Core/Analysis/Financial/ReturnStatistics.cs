using MathNet.Numerics.Statistics;

namespace FinSight.Core.Analysis.Financial;

/// <summary>Risk and performance statistics of a series of per-period returns. Each returns null when undefined.</summary>
public static class ReturnStatistics
{
    /// <summary>Compounded return <c>∏(1 + r_t) − 1</c>; null without returns.</summary>
    public static double? ProfitLoss(IReadOnlyList<double> returns)
    {
        if (returns.Count == 0) return null;
        var equity = 1.0;
        foreach (var r in returns) equity *= 1 + r;
        return equity - 1;
    }

    /// <summary>
    /// Sample standard deviation (ddof = 1); exactly 0 for returns that are all equal, whatever rounding the general
    /// formula would leave. Null with fewer than two returns.
    /// </summary>
    public static double? StandardDeviation(IReadOnlyList<double> returns)
    {
        if (returns.Count < 2) return null;
        var values = returns as double[] ?? [.. returns];
        return AllEqual(values) ? 0 : ArrayStatistics.StandardDeviation(values);
    }

    /// <summary><c>mean(r) / std(r, ddof = 1) · √k</c>; null with fewer than two returns or when they do not vary.</summary>
    public static double? SharpeRatio(IReadOnlyList<double> returns, double periodsPerYear)
    {
        if (StandardDeviation(returns) is not { } std || std == 0) return null;
        var values = returns as double[] ?? [.. returns];
        return ArrayStatistics.Mean(values) / std * Math.Sqrt(periodsPerYear);
    }

    /// <summary><c>std(r, ddof = 1) · √k</c>; 0 for returns that do not vary, null with fewer than two returns.</summary>
    public static double? Volatility(IReadOnlyList<double> returns, double periodsPerYear) =>
        StandardDeviation(returns) is { } std ? std * Math.Sqrt(periodsPerYear) : null;

    /// <summary>
    /// The largest <c>1 − E_t / max_{s ≤ t} E_s</c> of the equity curve <c>E_t = ∏_{s ≤ t}(1 + r_s)</c>, which starts at
    /// <c>E_0 = 1</c> (so a loss in the first period is a drawdown). A positive fraction; 0 when the equity never falls.
    /// Exceeds 1 only if the equity goes below zero (a return below −100%). Null without returns.
    /// </summary>
    public static double? MaxDrawdown(IReadOnlyList<double> returns)
    {
        if (returns.Count == 0) return null;
        double equity = 1, peak = 1, worst = 0;
        foreach (var r in returns)
        {
            equity *= 1 + r;
            peak = Math.Max(peak, equity);
            worst = Math.Max(worst, 1 - equity / peak);
        }
        return worst;
    }

    /// <summary>
    /// The 5th percentile of the returns, interpolating linearly between order statistics (numpy's default, R's type 7,
    /// Hyndman and Fan's definition 7). Null without returns.
    /// </summary>
    public static double? Percentile5(IReadOnlyList<double> returns)
    {
        if (returns.Count == 0) return null;
        double[] sorted = [.. returns];
        Array.Sort(sorted);
        return SortedArrayStatistics.QuantileCustom(sorted, 0.05, QuantileDefinition.R7);
    }

    /// <summary>Historical value at risk at 95%: minus the 5th percentile of the returns. Null without returns.</summary>
    public static double? ValueAtRisk95(IReadOnlyList<double> returns) => -Percentile5(returns);

    /// <summary>
    /// Historical expected shortfall at 95%: minus the mean of the returns at or below the 5th percentile (never empty:
    /// the percentile is at least the smallest return). Null without returns.
    /// </summary>
    public static double? ExpectedShortfall95(IReadOnlyList<double> returns)
    {
        if (Percentile5(returns) is not { } cutoff) return null;
        double sum = 0;
        var count = 0;
        foreach (var r in returns)
        {
            if (r > cutoff) continue;
            sum += r;
            count++;
        }
        return -(sum / count);
    }

    private static bool AllEqual(double[] values)
    {
        foreach (var v in values)
        {
            if (v != values[0]) return false;
        }
        return true;
    }
}
