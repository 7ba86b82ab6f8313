namespace FinSight.Core.Analysis.Comparison;

/// <summary>
/// Everything <see cref="ComparisonAnalyzer.Analyze"/> found: values and rankings per metric, the typed
/// findings, and <see cref="Findings"/>, the sentences to show, in reading order (best per metric, Pareto
/// front, runs left out of it, dominated runs, overfitting).
/// </summary>
/// <param name="Runs">The compared runs, in input order.</param>
/// <param name="Metrics">Values and ranking per chosen metric, in the order chosen.</param>
/// <param name="BestRuns">The best run(s) per metric, for metrics any run has a value of.</param>
/// <param name="DominatedRuns">Runs dominated on all chosen metrics (needs two or more metrics), in run order.</param>
/// <param name="Pareto">The Pareto front over two metrics; null when fewer than two metrics are chosen.</param>
/// <param name="Overfitting">Runs whose validation loss rose while training loss fell, in the order of the curves given.</param>
/// <param name="Findings">The recommendations as sentences.</param>
public sealed record ComparisonReport(
    IReadOnlyList<ComparisonRun> Runs,
    IReadOnlyList<MetricComparison> Metrics,
    IReadOnlyList<BestRunFinding> BestRuns,
    IReadOnlyList<DominatedRunFinding> DominatedRuns,
    ParetoFront? Pareto,
    IReadOnlyList<OverfittingFinding> Overfitting,
    IReadOnlyList<ComparisonFinding> Findings);
