namespace FinSight.Core.Analysis.Financial;

/// <summary>The definitions of every financial metric, in <see cref="FinancialMetricNames.All"/>'s order.</summary>
public static class FinancialMetricDefinitions
{
    /// <summary>How the returns <c>r_t</c> are obtained when the caller sends none.</summary>
    public const string ReturnsDefinition =
        "r_t are the given returns, or else the strategy's sign(p_t − a_{t−1}) · (a_t − a_{t−1}) / a_{t−1} for t ≥ 1 " +
        "(long when the prediction is above the last actual value, short when below, flat when equal).";

    /// <summary>Every definition, in listing order.</summary>
    public static IReadOnlyList<FinancialMetricDefinition> All { get; } =
    [
        new(FinancialMetricNames.Mae, "MAE", "mean |a − p|", FinancialMetricUnit.Number),
        new(FinancialMetricNames.Mse, "MSE", "mean (a − p)²", FinancialMetricUnit.Number),
        new(FinancialMetricNames.Rmse, "RMSE", "√MSE", FinancialMetricUnit.Number),
        new(FinancialMetricNames.Mape, "MAPE", "mean |(a − p) / a| over the nonzero a (zero actuals are excluded and counted)", FinancialMetricUnit.Fraction),
        new(FinancialMetricNames.DirectionalAccuracy, "Directional accuracy",
            "share of t ≥ 1 with sign(p_t − a_{t−1}) = sign(a_t − a_{t−1})", FinancialMetricUnit.Fraction),
        new(FinancialMetricNames.ProfitLoss, "Profit and loss", "∏(1 + r_t) − 1", FinancialMetricUnit.Fraction),
        new(FinancialMetricNames.SharpeRatio, "Sharpe ratio", "mean(r) / std(r, ddof = 1) · √k (risk-free rate 0)", FinancialMetricUnit.Number),
        new(FinancialMetricNames.Volatility, "Volatility", "std(r, ddof = 1) · √k (annualized)", FinancialMetricUnit.Fraction),
        new(FinancialMetricNames.MaxDrawdown, "Max drawdown",
            "largest 1 − E_t / max_{s ≤ t} E_s of the equity curve E_t = ∏_{s ≤ t}(1 + r_s), starting from E_0 = 1", FinancialMetricUnit.Fraction),
        new(FinancialMetricNames.ValueAtRisk95, "VaR 95%",
            "minus the 5th percentile of r (linear interpolation between order statistics)", FinancialMetricUnit.Fraction),
        new(FinancialMetricNames.ExpectedShortfall95, "Expected shortfall 95%",
            "minus the mean of the r_t at or below the 5th percentile", FinancialMetricUnit.Fraction),
    ];

    /// <summary>The definition of <paramref name="key"/>, or null when it is not a known financial metric.</summary>
    public static FinancialMetricDefinition? Find(string key)
    {
        foreach (var definition in All)
        {
            if (definition.Key == key) return definition;
        }
        return null;
    }
}
