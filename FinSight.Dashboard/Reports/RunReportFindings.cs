using FinSight.Core.Analysis;

namespace FinSight.Dashboard.Reports;

/// <summary>The run report's summary and recommendations, in sentences a reader can act on.</summary>
public static class RunReportFindings
{
    public static IReadOnlyList<ReportCell> For(RunReport report)
    {
        var findings = new List<ReportCell>();
        var info = report.Run.Info;
        findings.Add($"Status {info.Status} after {ReportFormat.Duration(info.StartTime, info.EndTime, report.GeneratedAt)}, with {report.Run.Metrics.Count} metric{(report.Run.Metrics.Count == 1 ? "" : "s")} and {report.Run.Params.Count} param{(report.Run.Params.Count == 1 ? "" : "s")} logged.");
        foreach (var metric in report.Run.Metrics.Where(m => !MetricSelection.IsSystem(m.Key) && MetricSelection.IsLossLike(m.Key)))
        {
            var direction = report.DirectionOf(metric.Key);
            var best = RunRanking.Best(direction, metric.Min, metric.Max);
            findings.Add($"{metric.Key}: best {ReportFormat.Number(best)} ({direction.ToWire()} is better), final {ReportFormat.Number(metric.Latest)} at step {metric.LatestStep}.");
        }
        return findings;
    }
}
