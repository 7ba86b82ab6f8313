namespace FinSight.Core.Analysis.Kpis;

/// <summary>Which metric the KPI page summarises before the user picks one.</summary>
public static class KpiMetricChoice
{
    /// <summary>
    /// A validation loss when there is one (what a team's progress is judged by), else any loss-like key (training
    /// first), else the first key; system metrics never. Null when no key is left.
    /// </summary>
    public static string? Default(IEnumerable<string> keys)
    {
        var candidates = keys.Where(k => !MetricSelection.IsSystem(k)).ToList();
        var losses = MetricSelection.LossKeys(candidates);
        return losses.FirstOrDefault(IsValidation) ?? losses.FirstOrDefault() ?? candidates.Order(StringComparer.Ordinal).FirstOrDefault();
    }

    private static bool IsValidation(string key) =>
        key.StartsWith("val", StringComparison.OrdinalIgnoreCase) || key.Contains("/val", StringComparison.OrdinalIgnoreCase);
}
