namespace FinSight.Core.Analysis.Financial;

/// <summary>How a financial metric's value reads.</summary>
public enum FinancialMetricUnit
{
    /// <summary>A plain number (errors in the series' own units, the Sharpe ratio).</summary>
    Number,

    /// <summary>A fraction, shown as a percentage (0.05 is 5%).</summary>
    Fraction,
}
