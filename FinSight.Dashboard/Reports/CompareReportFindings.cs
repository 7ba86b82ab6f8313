using FinSight.Core.Analysis;
using FinSight.Core.Analysis.Comparison;

namespace FinSight.Dashboard.Reports;

/// <summary>What <see cref="CompareReportFindings.For"/> found: the sentences, and the Pareto front to chart (null without two main metrics).</summary>
public sealed record CompareFindings(IReadOnlyList<ReportCell> Sentences, ParetoFront? Pareto);

/// <summary>
/// The comparison report's findings, from <see cref="ComparisonAnalyzer"/>: on the metrics the compare page opens
/// with (the loss-like keys every run shares), the best run per metric, the Pareto front over the first two, dominated
/// runs and overfitting (each run's train/validation loss pairs); then the best run for every other metric.
/// </summary>
public static class CompareReportFindings
{
    private const string Warning = "finding-warning";

    public static CompareFindings For(CompareReport report)
    {
        var runs = Runs(report);
        var main = MainKeys(report);
        var curves = report.Runs.SelectMany(r => LossPairing.Pair(r.Metrics.Select(m => m.Key))
                .Where(p => report.ChartKeys.Contains(p.TrainKey) && report.ChartKeys.Contains(p.ValidationKey))
                .Select(p => new LossCurves(r.Info.RunId, p, report.HistoryOf(r.Info.RunId, p.TrainKey), report.HistoryOf(r.Info.RunId, p.ValidationKey))))
            .ToList();
        var analysis = ComparisonAnalyzer.Analyze(runs, Metrics(report, main), curves);
        var sentences = analysis.Findings
            .Select(f => new ReportCell(f.Sentence, f.Kind is FindingKind.Overfitting or FindingKind.Dominated ? Warning : null))
            .ToList();
        if (main.Count >= 2 && analysis.DominatedRuns.Count == 0)
            sentences.Add($"No run is dominated on {string.Join(", ", main)}: each is best or traded off on one of them.");
        if (curves.Count == 0)
            sentences.Add("No run logged a training and validation loss pair (such as train_loss and val_loss), so overfitting was not checked.");
        else if (analysis.Overfitting.Count == 0)
            sentences.Add($"No sign of overfitting in {curves.Select(c => c.RunId).Distinct().Count()} run(s) with training and validation losses.");

        var others = AllKeys(report).Where(k => !main.Contains(k)).ToList();
        if (others.Count > 0)
        {
            // Best runs only: dominance or a front over every metric logged (learning rates, epochs…) would mislead.
            var rest = ComparisonAnalyzer.Analyze(runs, Metrics(report, others));
            sentences.AddRange(rest.Findings.Where(f => f.Kind == FindingKind.BestRun).Select(f => new ReportCell(f.Sentence)));
        }
        if (sentences.Count == 0) sentences.Add("These runs logged no metrics to compare.");
        return new CompareFindings(sentences, analysis.Pareto);
    }

    /// <summary>What the compare page shows first: the loss-like keys every run shares (else the first shared keys).</summary>
    public static IReadOnlyList<string> MainKeys(CompareReport report) =>
        MetricSelection.DefaultKeys(report.Runs.Select(r => (IReadOnlyCollection<string>)r.Metrics.Select(m => m.Key).ToList()).ToList());

    private static IReadOnlyList<string> AllKeys(CompareReport report) =>
        report.Runs.SelectMany(r => r.Metrics).Select(m => m.Key).Where(k => !MetricSelection.IsSystem(k))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private static List<ComparisonRun> Runs(CompareReport report) =>
        report.Runs.Select(r => new ComparisonRun(r.Info.RunId, report.NameOf(r), r.Metrics)).ToList();

    private static List<ComparisonMetric> Metrics(CompareReport report, IEnumerable<string> keys) =>
        keys.Select(k => new ComparisonMetric(k, report.DirectionOf(k))).ToList();
}
