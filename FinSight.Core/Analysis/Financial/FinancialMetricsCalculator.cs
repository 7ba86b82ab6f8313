using MathNet.Numerics;

namespace FinSight.Core.Analysis.Financial;

/// <summary>
/// Computes the financial metrics of <see cref="FinancialMetricNames"/> from actual values, predictions and optional
/// returns; <see cref="FinancialMetricDefinitions"/> states each formula.
/// </summary>
/// <remarks>
/// Undefined metrics are null, with a reason, never NaN or an infinity:
/// <list type="bullet">
/// <item>MAPE when every actual value is 0 (zero actuals are always excluded and counted).</item>
/// <item>Directional accuracy, and every return-based metric with derived returns, for a single point (no change, no return).</item>
/// <item>Every return-based metric when the strategy's returns are derived and some <c>a_{t−1}</c> is 0.</item>
/// <item>Sharpe ratio and volatility with fewer than two returns; the Sharpe ratio also when the returns do not vary
/// (standard deviation 0; the volatility is then 0).</item>
/// <item>Any metric whose value overflows (inputs near the largest double).</item>
/// </list>
/// </remarks>
public static class FinancialMetricsCalculator
{
    /// <summary>Checks the inputs (see <see cref="PredictionSeries.Create"/>) and computes every metric.</summary>
    /// <param name="actual">The actual values <c>a</c>.</param>
    /// <param name="predicted">The predictions <c>p</c>, as many as <paramref name="actual"/>.</param>
    /// <param name="returns">Optional returns <c>r_1 … r_{n−1}</c>; derived from the predictions when null.</param>
    /// <param name="periodsPerYear">Periods per year <c>k</c> (252 for trading days).</param>
    /// <exception cref="Tracking.TrackingException">An input is missing, of the wrong length or not finite; the message names it.</exception>
    public static FinancialMetrics Compute(IReadOnlyList<double> actual, IReadOnlyList<double> predicted, IReadOnlyList<double>? returns = null,
        double periodsPerYear = PredictionSeries.DefaultPeriodsPerYear) =>
        Compute(PredictionSeries.Create(actual, predicted, returns, periodsPerYear));

    /// <summary>Computes every metric of a checked series.</summary>
    public static FinancialMetrics Compute(PredictionSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var results = new Results();
        double[] a = [.. series.Actual], p = [.. series.Predicted];

        var mse = Distance.MSE(a, p);
        results.Set(FinancialMetricNames.Mae, Distance.MAE(a, p), null);
        results.Set(FinancialMetricNames.Mse, mse, null);
        results.Set(FinancialMetricNames.Rmse, Math.Sqrt(mse), null);

        var (mape, zeroActuals) = Mape(a, p);
        results.Set(FinancialMetricNames.Mape, mape,
            $"every actual value is 0 ({zeroActuals} excluded); MAPE divides by the actual value, so it is undefined");

        results.Set(FinancialMetricNames.DirectionalAccuracy, DirectionalAccuracy(a, p), "one point has no change to predict; it needs at least 2 points");

        var (returns, whyNoReturns) = series.Returns is { } given ? ([.. given], null) : StrategyReturns.Derive(a, p);
        if (returns is { Length: 0 }) (returns, whyNoReturns) = (null, "one point has no returns (returns start at the second point)");
        if (returns is null)
        {
            foreach (var key in ReturnBased) results.Set(key, null, whyNoReturns!);
        }
        else
        {
            const string needsTwo = "it needs at least 2 returns (3 points)";
            var k = series.PeriodsPerYear;
            results.Set(FinancialMetricNames.ProfitLoss, ReturnStatistics.ProfitLoss(returns), null);
            results.Set(FinancialMetricNames.SharpeRatio, ReturnStatistics.SharpeRatio(returns, k),
                returns.Length < 2 ? needsTwo : "the returns do not vary (standard deviation 0), so the Sharpe ratio is undefined");
            results.Set(FinancialMetricNames.Volatility, ReturnStatistics.Volatility(returns, k), needsTwo);
            results.Set(FinancialMetricNames.MaxDrawdown, ReturnStatistics.MaxDrawdown(returns), null);
            results.Set(FinancialMetricNames.ValueAtRisk95, ReturnStatistics.ValueAtRisk95(returns), null);
            results.Set(FinancialMetricNames.ExpectedShortfall95, ReturnStatistics.ExpectedShortfall95(returns), null);
        }
        return new FinancialMetrics(results.Ordered(), results.Undefined, a.Length, zeroActuals,
            returns?.Length ?? 0, series.Returns is not null, series.PeriodsPerYear);
    }

    private static readonly string[] ReturnBased =
    [
        FinancialMetricNames.ProfitLoss, FinancialMetricNames.SharpeRatio, FinancialMetricNames.Volatility,
        FinancialMetricNames.MaxDrawdown, FinancialMetricNames.ValueAtRisk95, FinancialMetricNames.ExpectedShortfall95,
    ];

    /// <summary>Mean of |(a − p) / a| over the nonzero a, and how many a were 0.</summary>
    private static (double? Mape, int ZeroActuals) Mape(double[] a, double[] p)
    {
        double sum = 0;
        var zeros = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] == 0) zeros++;
            else sum += Math.Abs((a[i] - p[i]) / a[i]);
        }
        return (zeros == a.Length ? null : sum / (a.Length - zeros), zeros);
    }

    /// <summary>Share of t ≥ 1 with sign(p_t − a_{t−1}) = sign(a_t − a_{t−1}); a flat prediction of a flat period counts as right.</summary>
    private static double? DirectionalAccuracy(double[] a, double[] p)
    {
        if (a.Length < 2) return null;
        var right = 0;
        for (var t = 1; t < a.Length; t++)
        {
            if (Math.Sign(p[t] - a[t - 1]) == Math.Sign(a[t] - a[t - 1])) right++;
        }
        return (double)right / (a.Length - 1);
    }

    private sealed class Results
    {
        private const string Overflow = "the result is not a finite number (the values are too large)";
        private readonly Dictionary<string, double?> _values = new(StringComparer.Ordinal);

        public Dictionary<string, string> Undefined { get; } = new(StringComparer.Ordinal);

        public void Set(string key, double? value, string? whyNull)
        {
            if (value is { } v && double.IsFinite(v))
            {
                _values[key] = v + 0.0; // −0 (e.g. a VaR of no loss) reads as 0
                return;
            }
            _values[key] = null;
            Undefined[key] = value is null ? whyNull ?? Overflow : Overflow;
        }

        public Dictionary<string, double?> Ordered()
        {
            var ordered = new Dictionary<string, double?>(StringComparer.Ordinal);
            foreach (var key in FinancialMetricNames.All) ordered[key] = _values[key];
            return ordered;
        }
    }
}
