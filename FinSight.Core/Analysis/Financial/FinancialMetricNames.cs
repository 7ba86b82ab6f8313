namespace FinSight.Core.Analysis.Financial;

/// <summary>
/// The names under which financial metrics are logged as metrics of a run. Reports, grids and comparisons find
/// them by these exact names, so they are part of the public contract.
/// </summary>
public static class FinancialMetricNames
{
    /// <summary>The prefix every financial metric's name starts with.</summary>
    public const string Prefix = "fin/";

    /// <summary>Mean absolute error.</summary>
    public const string Mae = "fin/mae";

    /// <summary>Mean squared error.</summary>
    public const string Mse = "fin/mse";

    /// <summary>Root mean squared error.</summary>
    public const string Rmse = "fin/rmse";

    /// <summary>Mean absolute percentage error, as a fraction, over the nonzero actual values.</summary>
    public const string Mape = "fin/mape";

    /// <summary>Share of periods whose predicted direction of change was right.</summary>
    public const string DirectionalAccuracy = "fin/directional_accuracy";

    /// <summary>Compounded profit and loss of the returns, as a fraction.</summary>
    public const string ProfitLoss = "fin/profit_loss";

    /// <summary>Annualized Sharpe ratio of the returns (risk-free rate 0).</summary>
    public const string SharpeRatio = "fin/sharpe_ratio";

    /// <summary>Annualized volatility of the returns.</summary>
    public const string Volatility = "fin/volatility";

    /// <summary>Largest peak-to-trough fall of the equity curve, as a positive fraction.</summary>
    public const string MaxDrawdown = "fin/max_drawdown";

    /// <summary>Historical value at risk at 95%.</summary>
    public const string ValueAtRisk95 = "fin/var_95";

    /// <summary>Historical expected shortfall (conditional VaR) at 95%.</summary>
    public const string ExpectedShortfall95 = "fin/expected_shortfall_95";

    /// <summary>Every financial metric, in the order they are listed and logged.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Mae, Mse, Rmse, Mape, DirectionalAccuracy, ProfitLoss, SharpeRatio, Volatility, MaxDrawdown, ValueAtRisk95, ExpectedShortfall95,
    ];

    /// <summary>Whether <paramref name="key"/> is a financial metric (any <c>fin/</c> key, known or not).</summary>
    public static bool IsFinancial(string key) => key.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The financial keys among <paramref name="keys"/>: the known ones in <see cref="All"/>'s order, then any other <c>fin/</c> keys by name.</summary>
    public static IReadOnlyList<string> Order(IEnumerable<string> keys)
    {
        var present = keys.Where(IsFinancial).ToHashSet(StringComparer.Ordinal);
        return All.Where(present.Contains)
            .Concat(present.Where(k => !All.Contains(k)).Order(StringComparer.Ordinal))
            .ToList();
    }
}
