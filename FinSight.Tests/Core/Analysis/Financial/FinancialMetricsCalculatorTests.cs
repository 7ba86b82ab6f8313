using FinSight.Core.Analysis.Financial;
using Xunit;
using static FinSight.Core.Analysis.Financial.FinancialMetricNames;

namespace FinSight.Tests.Core.Analysis.Financial;

// Expected values are worked by hand below; the decimals were checked with plain Python 3 (no numpy on this
// machine: the 5th percentile was computed as numpy's linear rule, h = (n − 1)·0.05, and cross-checked with
// statistics.quantiles(r, n=20, method='inclusive')[0], which is the same rule).
public sealed class FinancialMetricsCalculatorTests
{
    // a = 100, 102, 101, 105, 104; p = 101, 103, 100, 104, 106
    private static readonly double[] Actual = [100, 102, 101, 105, 104];
    private static readonly double[] Predicted = [101, 103, 100, 104, 106];

    private static void Near(double expected, double? actual, double tolerance = 1e-12)
    {
        Assert.NotNull(actual);
        Assert.True(Math.Abs(expected - actual.Value) <= tolerance * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual.Value:R}");
    }

    [Fact]
    public void Compute_SmallSeries_ErrorMetricsMatchHandComputation()
    {
        var metrics = FinancialMetricsCalculator.Compute(Actual, Predicted);

        // a − p = −1, −1, 1, 1, −2
        Near(1.2, metrics.Values[Mae]);                                   // (1 + 1 + 1 + 1 + 2) / 5
        Near(1.6, metrics.Values[Mse]);                                   // (1 + 1 + 1 + 1 + 4) / 5
        Near(Math.Sqrt(1.6), metrics.Values[Rmse]);                       // 1.2649110640673518
        Near((1 / 100.0 + 1 / 102.0 + 1 / 101.0 + 1 / 105.0 + 2 / 104.0) / 5, metrics.Values[Mape]); // 0.011691898084443222
        Assert.Equal(0, metrics.ZeroActualsExcluded);
        // t = 1: sign(103 − 100) = + and sign(102 − 100) = +, right; t = 2: − and −, right; t = 3: + and +, right;
        // t = 4: sign(106 − 105) = + but sign(104 − 105) = −, wrong → 3 / 4
        Near(0.75, metrics.Values[DirectionalAccuracy]);
        Assert.Equal(5, metrics.Points);
    }

    [Fact]
    public void Compute_NoReturnsGiven_StrategyReturnsDerivedFromPredictions()
    {
        var metrics = FinancialMetricsCalculator.Compute(Actual, Predicted);

        // r_t = sign(p_t − a_{t−1})·(a_t − a_{t−1})/a_{t−1}:
        //   r1 = +1·2/100 = 0.02, r2 = −1·(−1/102) = 1/102, r3 = +1·4/101, r4 = +1·(−1/105)
        // P&L = 1.02 · 103/102 · 105/101 · 104/105 − 1 = 1.03·104/101 − 1 = 6.12/101 = 0.0605940594059406
        Near(6.12 / 101, metrics.Values[ProfitLoss]);
        // mean(r) = 0.014971018110214382 (Python: statistics.mean), std(r, ddof = 1) = 0.02048387961296402 (statistics.stdev);
        // Sharpe = mean/std·√252 = 11.602174453711287, volatility = std·√252 = 0.3251715080501328
        Near(11.602174453711287, metrics.Values[SharpeRatio], 1e-10);
        Near(0.3251715080501328, metrics.Values[Volatility], 1e-10);
        // Equity 1 → 1.02 → 1.03 → 1.0707920792 → 1.0605940594: the one fall is the last period's, 1 − 104/105 = 1/105
        Near(1 / 105.0, metrics.Values[MaxDrawdown]);
        // Sorted r: −1/105, 1/102, 0.02, 4/101; h = (4 − 1)·0.05 = 0.15, so the 5th percentile is
        // −1/105 + 0.15·(1/102 + 1/105) = −0.006624649859943978 → VaR = 0.006624649859943978
        Near(1 / 105.0 - 0.15 * (1 / 102.0 + 1 / 105.0), metrics.Values[ValueAtRisk95]);
        // Only r4 = −1/105 is at or below the percentile → ES = 1/105
        Near(1 / 105.0, metrics.Values[ExpectedShortfall95]);
        Assert.False(metrics.ReturnsGiven);
        Assert.Equal(4, metrics.ReturnCount);
        Assert.Empty(metrics.Undefined);
    }

    // Ten given returns: r = 0.01, −0.02, 0.015, −0.03, 0.02, 0.005, −0.01, 0.025, −0.005, 0
    private static readonly double[] GivenReturns = [0.01, -0.02, 0.015, -0.03, 0.02, 0.005, -0.01, 0.025, -0.005, 0.0];
    private static readonly double[] ElevenPoints = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

    [Fact]
    public void Compute_ReturnsGiven_ReturnMetricsUseThemAndErrorMetricsStayTheSame()
    {
        var predicted = ElevenPoints.Select(a => a + 0.5).ToArray();

        var metrics = FinancialMetricsCalculator.Compute(ElevenPoints, predicted, GivenReturns);

        // P&L = 1.01·0.98·1.015·0.97·1.02·1.005·0.99·1.025·0.995·1 − 1 = 0.00863399201133741
        Near(0.00863399201133741, metrics.Values[ProfitLoss]);
        // mean = 0.001, std(ddof = 1) = 0.017606816861659 → Sharpe = 0.001/0.0176068…·√252 = 0.901611460556293,
        // volatility = 0.0176068…·√252 = 0.2794995527724508
        Near(0.901611460556293, metrics.Values[SharpeRatio], 1e-10);
        Near(0.2794995527724508, metrics.Values[Volatility], 1e-10);
        // Equity peaks at 1.01 after r1, falls to 1.01·0.98·1.015·0.97 = 0.97450… after r4 (the trough):
        // 1 − 0.98·1.015·0.97 = 1 − 0.964859 = 0.035141
        Near(0.035141, metrics.Values[MaxDrawdown], 1e-10);
        // Sorted: −0.03, −0.02, …; h = 9·0.05 = 0.45 → percentile = −0.03 + 0.45·0.01 = −0.0255 → VaR 0.0255;
        // only −0.03 is at or below it → ES 0.03
        Near(0.0255, metrics.Values[ValueAtRisk95]);
        Near(0.03, metrics.Values[ExpectedShortfall95]);
        // The errors do not depend on the returns: a − p = −0.5 everywhere; every prediction is above a_{t−1} and a rises.
        Near(0.5, metrics.Values[Mae]);
        Near(0.25, metrics.Values[Mse]);
        Near(1, metrics.Values[DirectionalAccuracy]);
        Assert.True(metrics.ReturnsGiven);
        Assert.Equal(10, metrics.ReturnCount);
    }

    [Fact]
    public void Compute_PeriodsPerYear_AnnualizesSharpeAndVolatilityOnly()
    {
        var predicted = ElevenPoints.Select(a => a + 0.5).ToArray();

        var monthly = FinancialMetricsCalculator.Compute(ElevenPoints, predicted, GivenReturns, periodsPerYear: 12);

        // Same returns with k = 12: Sharpe = 0.001/0.0176068…·√12 = 0.1967477507351859, volatility = 0.06099180272790762
        Near(0.1967477507351859, monthly.Values[SharpeRatio], 1e-10);
        Near(0.06099180272790762, monthly.Values[Volatility], 1e-10);
        Near(0.0255, monthly.Values[ValueAtRisk95]);
        Assert.Equal(12, monthly.PeriodsPerYear);
    }

    [Fact]
    public void Compute_ConstantActuals_SharpeUndefinedVolatilityAndRiskZero()
    {
        // a constant: every a_t − a_{t−1} = 0, so every derived return is 0 whatever the position.
        var metrics = FinancialMetricsCalculator.Compute([5, 5, 5, 5], [5, 6, 4, 5]);

        Assert.Null(metrics.Values[SharpeRatio]);
        Assert.Contains("do not vary", metrics.Undefined[SharpeRatio]);
        Assert.Equal(0.0, metrics.Values[Volatility]);
        Assert.Equal(0.0, metrics.Values[ProfitLoss]);
        Assert.Equal(0.0, metrics.Values[MaxDrawdown]);
        // −(0) is −0; it is reported as 0
        Assert.Equal(0.0, metrics.Values[ValueAtRisk95]);
        Assert.False(double.IsNegative(metrics.Values[ValueAtRisk95]!.Value));
        Assert.False(double.IsNegative(metrics.Values[ExpectedShortfall95]!.Value));
        // a − p = 0, −1, 1, 0 → MAE 0.5, MSE 0.5
        Near(0.5, metrics.Values[Mae]);
        Near(0.5, metrics.Values[Mse]);
        // t = 1: + vs 0 wrong; t = 2: − vs 0 wrong; t = 3: 0 vs 0 right → 1/3
        Near(1 / 3.0, metrics.Values[DirectionalAccuracy]);
        Assert.DoesNotContain(metrics.Values.Values, v => v is { } x && !double.IsFinite(x));
    }

    [Fact]
    public void Compute_OnePoint_ErrorsDefinedDirectionAndReturnMetricsNull()
    {
        var metrics = FinancialMetricsCalculator.Compute([10], [12]);

        Near(2, metrics.Values[Mae]);           // |10 − 12|
        Near(4, metrics.Values[Mse]);           // 2²
        Near(2, metrics.Values[Rmse]);
        Near(0.2, metrics.Values[Mape]);        // 2/10
        Assert.Null(metrics.Values[DirectionalAccuracy]);
        foreach (var key in new[] { ProfitLoss, SharpeRatio, Volatility, MaxDrawdown, ValueAtRisk95, ExpectedShortfall95 })
        {
            Assert.Null(metrics.Values[key]);
            Assert.Contains("one point", metrics.Undefined[key]);
        }
        Assert.Equal(0, metrics.ReturnCount);
        Assert.Equal(["fin/mae", "fin/mse", "fin/rmse", "fin/mape"], metrics.Defined.Select(d => d.Key));
    }

    [Fact]
    public void Compute_TwoPoints_OneReturn_SharpeAndVolatilityNeedTwo()
    {
        // r1 = +1·(110 − 100)/100 = 0.1
        var metrics = FinancialMetricsCalculator.Compute([100, 110], [100, 105]);

        Near(0.1, metrics.Values[ProfitLoss]);
        Near(0.0, metrics.Values[MaxDrawdown]);
        Near(-0.1, metrics.Values[ValueAtRisk95]);   // a gain: the 5th percentile of {0.1} is 0.1
        Assert.Null(metrics.Values[SharpeRatio]);
        Assert.Null(metrics.Values[Volatility]);
        Assert.Contains("at least 2 returns", metrics.Undefined[Volatility]);
    }

    [Fact]
    public void Compute_AllZeroActuals_MapeNullWithCountAndDerivedReturnsUndefined()
    {
        var metrics = FinancialMetricsCalculator.Compute([0, 0, 0], [1, -1, 0]);

        Assert.Null(metrics.Values[Mape]);
        Assert.Equal(3, metrics.ZeroActualsExcluded);
        Assert.Contains("every actual value is 0", metrics.Undefined[Mape]);
        Near(2 / 3.0, metrics.Values[Mae]);          // (1 + 1 + 0) / 3
        // r1 would divide by a0 = 0: no return-based metric
        Assert.Null(metrics.Values[ProfitLoss]);
        Assert.Contains("actual[0] is 0", metrics.Undefined[ProfitLoss]);
    }

    [Fact]
    public void Compute_SomeZeroActuals_ExcludedFromMapeAndCounted()
    {
        // nonzero a: |2 − 1|/2 = 0.5 and |4 − 5|/4 = 0.25 → MAPE 0.375; a0 = 0 is excluded
        var metrics = FinancialMetricsCalculator.Compute([0, 2, 4], [1, 1, 5], returns: [0.01, 0.02]);

        Near(0.375, metrics.Values[Mape]);
        Assert.Equal(1, metrics.ZeroActualsExcluded);
        // given returns do not divide by a, so a0 = 0 does not matter: P&L = 1.01·1.02 − 1 = 0.0302
        Near(0.0302, metrics.Values[ProfitLoss]);
    }

    [Fact]
    public void Compute_ValuesTooLarge_OverflowIsNullNotInfinity()
    {
        var metrics = FinancialMetricsCalculator.Compute([1e308, -1e308], [-1e308, 1e308]);

        Assert.Null(metrics.Values[Mse]);
        Assert.Contains("not a finite number", metrics.Undefined[Mse]);
        Assert.DoesNotContain(metrics.Values.Values, v => v is { } x && !double.IsFinite(x));
    }

    [Fact]
    public void Compute_EveryMetric_ListedInCatalogOrderWithADefinition()
    {
        var metrics = FinancialMetricsCalculator.Compute(Actual, Predicted);

        Assert.Equal(FinancialMetricNames.All, metrics.Values.Keys);
        Assert.Equal(FinancialMetricNames.All, FinancialMetricDefinitions.All.Select(d => d.Key));
        Assert.Equal(
            ["fin/mae", "fin/mse", "fin/rmse", "fin/mape", "fin/directional_accuracy", "fin/profit_loss", "fin/sharpe_ratio",
             "fin/volatility", "fin/max_drawdown", "fin/var_95", "fin/expected_shortfall_95"],
            FinancialMetricNames.All);
    }
}
