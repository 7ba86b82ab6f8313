using FinSight.Core.Analysis.Financial;
using FinSight.Core.Analysis;
using FinSight.Core.Analysis.Comparison;

namespace FinSight.Dashboard.Reports;

/// <summary>
/// The run report's summary and recommendations: how the run ended, its best values, the overfitting check on each
/// train/validation loss pair (<see cref="OverfittingDetector"/>, with the step it began), and curves with values
/// that cannot be drawn.
/// </summary>
public static class RunReportFindings
{
    /// <summary>Best values are listed for at most this many metrics (losses first); the metrics table has them all.</summary>
    private const int MaxBestValues = 6;

    public static IReadOnlyList<ReportCell> For(RunReport report)
    {
        var run = report.Run;
        var info = run.Info;
        var findings = new List<ReportCell>
        {
            $"{info.Status} after {ReportFormat.Duration(info.StartTime, info.EndTime, report.GeneratedAt)}, with {Count(run.Metrics.Count, "metric")} and {Count(run.Params.Count, "param")} logged.",
        };
        if (info.Status == "RUNNING") findings.Add(new("The run is still running: its values may still change.", Warning));
        if (info.Status is "FAILED" or "KILLED") findings.Add(new($"The run ended {info.Status}: its curves stop where it did, and its best values may not be comparable with finished runs.", Warning));

        var keys = run.Metrics.Select(m => m.Key).ToList();
        var tracked = MetricSelection.LossKeys(keys)
            .Concat(keys.Where(k => !MetricSelection.IsSystem(k) && !FinancialMetricNames.IsFinancial(k) && !MetricSelection.IsLossLike(k)).Order(StringComparer.Ordinal))
            .Take(MaxBestValues);
        foreach (var metric in tracked.Select(k => run.Metrics.First(m => m.Key == k)))
        {
            var direction = report.DirectionOf(metric.Key);
            findings.Add($"Best {metric.Key}: {ReportFormat.Number(RunRanking.Best(direction, metric.Min, metric.Max))} ({direction.ToWire()} is better); final {ReportFormat.Number(metric.Latest)} at step {metric.LatestStep}.");
        }

        findings.AddRange(Overfitting(report, keys));

        foreach (var key in keys.Where(k => report.HistoryOf(k).Any(p => !double.IsFinite(p.Value))))
            findings.Add(new($"{key} has NaN or infinite values: look for numerical instability (learning rate, gradient clipping, a division by zero).", Warning));
        return findings;
    }

    private static IEnumerable<ReportCell> Overfitting(RunReport report, IReadOnlyList<string> keys)
    {
        var pairs = LossPairing.Pair(keys);
        if (pairs.Count == 0)
        {
            yield return "No training and validation loss pair (such as train_loss and val_loss) was logged, so overfitting was not checked.";
            yield break;
        }
        var run = new ComparisonRun(report.Run.Info.RunId, report.Run.Info.RunName, report.Run.Metrics);
        var curves = pairs.Select(p => new LossCurves(run.RunId, p, report.HistoryOf(p.TrainKey), report.HistoryOf(p.ValidationKey))).ToList();
        // The comparison analysis of this one run: only its overfitting findings say something about a single run.
        var analysis = ComparisonAnalyzer.Analyze([run], [], curves);
        foreach (var finding in analysis.Findings.Where(f => f.Kind == FindingKind.Overfitting))
            yield return new ReportCell(finding.Sentence, Warning);
        foreach (var pair in pairs.Where(p => analysis.Overfitting.All(o => o.Pair != p)))
            yield return $"No sign of overfitting on {pair.ValidationKey}: it did not keep rising while {pair.TrainKey} fell.";
    }

    private const string Warning = "finding-warning";

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
