using FinSight.Core.Analysis.Financial;
using FinSight.Core.Analysis;

namespace FinSight.Dashboard.Reports;

/// <summary>Which metrics share a chart in a run report.</summary>
public static class ReportChartGroups
{
    /// <summary>At most this many charts per section: a run with hundreds of keys still gives a report that opens.</summary>
    public const int MaxCharts = 40;

    /// <summary>
    /// Training curves, as the run page groups them: loss-like keys share one chart (train before validation), every
    /// other key gets its own. System metrics go to <see cref="Resources"/>; financial ones to their own section.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Training(IEnumerable<string> keys)
    {
        var chosen = keys.Where(k => !MetricSelection.IsSystem(k) && !FinancialMetricNames.IsFinancial(k)).ToList();
        var losses = MetricSelection.LossKeys(chosen);
        var groups = new List<IReadOnlyList<string>>();
        if (losses.Count > 0) groups.Add(losses);
        groups.AddRange(chosen.Where(k => !MetricSelection.IsLossLike(k)).Order(StringComparer.Ordinal).Select(k => (IReadOnlyList<string>)[k]));
        return groups;
    }

    /// <summary>
    /// System metrics by what they measure: every percentage (CPU, memory, disk, GPU utilization) on one chart, and one
    /// chart per other quantity with a trace per device (gpu/0/temperature_c and gpu/1/temperature_c together).
    /// </summary>
    public static IReadOnlyList<(string Title, IReadOnlyList<string> Keys)> Resources(IEnumerable<string> keys) =>
        keys.Where(MetricSelection.IsSystem)
            .Order(StringComparer.Ordinal)
            .GroupBy(QuantityOf, StringComparer.Ordinal)
            .OrderBy(g => g.Key == Utilization ? 0 : 1)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<string>)g.ToList()))
            .ToList();

    private const string Utilization = "utilization (%)";

    private static string QuantityOf(string key)
    {
        var last = key[(key.LastIndexOf('/') + 1)..];
        return last.EndsWith("_percent", StringComparison.Ordinal) || last == "utilization" ? Utilization : last;
    }
}
