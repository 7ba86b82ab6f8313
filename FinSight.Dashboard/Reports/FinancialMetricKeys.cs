using FinSight.Core.Analysis.Financial;

namespace FinSight.Dashboard.Reports;

/// <summary>Which of a run's metrics the report's financial section lists, in the order <see cref="FinancialMetricNames.All"/> gives.</summary>
public static class FinancialMetricKeys
{
    public static bool IsFinancial(string key) => key.StartsWith(FinancialMetricNames.Prefix, StringComparison.Ordinal);

    /// <summary>The known financial metrics first, in their order, then any other <c>fin/</c> keys by name.</summary>
    public static IReadOnlyList<string> Order(IEnumerable<string> keys)
    {
        var present = keys.Where(IsFinancial).ToHashSet(StringComparer.Ordinal);
        return FinancialMetricNames.All.Where(present.Contains)
            .Concat(present.Where(k => FinancialMetricDefinitions.Find(k) is null).Order(StringComparer.Ordinal))
            .ToList();
    }
}
