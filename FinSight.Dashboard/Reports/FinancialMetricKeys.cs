namespace FinSight.Dashboard.Reports;

/// <summary>The financial metrics FinSight logs from predictions (issue 6's set), in the order a report lists them, with what each means.</summary>
public static class FinancialMetricKeys
{
    public const string Prefix = "fin/";

    public static readonly IReadOnlyList<(string Key, string Meaning)> Known =
    [
        ("fin/mae", "Mean absolute error"),
        ("fin/mse", "Mean squared error"),
        ("fin/rmse", "Root mean squared error"),
        ("fin/mape", "Mean absolute percentage error (a fraction; zero actuals excluded)"),
        ("fin/directional_accuracy", "Share of steps whose direction was predicted right"),
        ("fin/profit_loss", "Profit and loss of the strategy (a fraction: 0.05 is +5%)"),
        ("fin/sharpe_ratio", "Sharpe ratio, annualised"),
        ("fin/volatility", "Volatility of returns, annualised"),
        ("fin/max_drawdown", "Maximum drawdown of the equity curve (a positive fraction)"),
        ("fin/var_95", "Historical value at risk, 95%"),
        ("fin/expected_shortfall_95", "Expected shortfall, 95%"),
    ];

    public static bool IsFinancial(string key) => key.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>What a key means, or null for a fin/ key outside the known set.</summary>
    public static string? MeaningOf(string key) => Known.FirstOrDefault(k => k.Key == key).Meaning;

    /// <summary>The known keys first, in their order, then any other fin/ keys by name.</summary>
    public static IReadOnlyList<string> Order(IEnumerable<string> keys)
    {
        var present = keys.Where(IsFinancial).ToHashSet(StringComparer.Ordinal);
        return Known.Select(k => k.Key).Where(present.Contains)
            .Concat(present.Where(k => MeaningOf(k) is null).Order(StringComparer.Ordinal))
            .ToList();
    }
}
