using FinSight.Core.Analysis;

namespace FinSight.Dashboard.Reports;

/// <summary>The comparison report's summary and recommendations.</summary>
public static class CompareReportFindings
{
    public static IReadOnlyList<ReportCell> For(CompareReport report)
    {
        var findings = new List<ReportCell>();
        var keys = report.Runs.SelectMany(r => r.Metrics).Select(m => m.Key).Where(k => !MetricSelection.IsSystem(k))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var direction = report.DirectionOf(key);
            var ranking = RunRanking.Rank(report.Runs, r => CompareReportWriter.ValueOf(r, key, MetricAggregate.Best, direction), direction);
            if (ranking.FirstOrDefault() is { Rank: 1, Value: { } value } best)
                findings.Add($"Best {key}: {report.NameOf(best.Item)} with {ReportFormat.Number(value)} ({direction.ToWire()} is better).");
        }
        if (findings.Count == 0) findings.Add("These runs logged no metrics to compare.");
        return findings;
    }
}
