namespace FinSight.Core.Analysis.Comparison;

/// <summary>
/// Compares runs on chosen metrics and says what to act on: the best run per metric, runs dominated on all of
/// them, the Pareto front over two of them, and runs that overfit. The compare page and the comparison report
/// both render its <see cref="ComparisonReport"/>.
/// </summary>
public static class ComparisonAnalyzer
{
    /// <summary>
    /// Analyses <paramref name="runs"/> on <paramref name="metrics"/> (each run's value per metric is its best or
    /// last, per <see cref="ComparisonMetric.Aggregate"/>) and, for overfitting, the loss curves given
    /// (see <see cref="LossPairing"/> for which keys to read; none given, none is checked).
    /// </summary>
    /// <exception cref="ArgumentException">A Pareto metric in <paramref name="options"/> is not among <paramref name="metrics"/>,
    /// or curves name a run that is not among <paramref name="runs"/>.</exception>
    public static ComparisonReport Analyze(IReadOnlyList<ComparisonRun> runs, IReadOnlyList<ComparisonMetric> metrics,
        IReadOnlyList<LossCurves>? lossCurves = null, ComparisonOptions? options = null)
    {
        options ??= new ComparisonOptions();
        var ids = runs.Select(r => r.RunId).ToList();
        var sentences = new FindingSentences(runs.GroupBy(r => r.RunId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal));

        // values[run][metric]
        var values = runs.Select(r => (IReadOnlyList<double?>)metrics.Select(m => ValueOf(r, m)).ToList()).ToList();
        var comparisons = metrics.Select((m, k) =>
        {
            var column = values.Select(v => v[k]).ToList();
            var ranking = RunRanking.Rank(Enumerable.Range(0, runs.Count), r => column[r], m.Direction)
                .Select(e => new RankedEntry<string>(ids[e.Item], e.Value, e.Rank)).ToList();
            return new MetricComparison(m, column, ranking);
        }).ToList();

        var best = comparisons
            .Select(c => (c.Metric, Leaders: c.Ranking.Where(e => e.Rank == 1).ToList()))
            .Where(c => c.Leaders.Count > 0)
            .Select(c => new BestRunFinding(c.Metric, c.Leaders.Select(e => e.Item).ToList(), c.Leaders[0].Value!.Value))
            .ToList();
        // With one metric "dominated" is only "not the best", which the ranking already says.
        var dominated = metrics.Count >= 2 ? Dominance.FindDominated(ids, values, metrics) : [];
        var pareto = Pareto(metrics, ids, values, options);
        var overfitting = new List<OverfittingFinding>();
        foreach (var curves in lossCurves ?? [])
        {
            if (!ids.Contains(curves.RunId, StringComparer.Ordinal))
                throw new ArgumentException($"Loss curves given for run '{curves.RunId}', which is not among the compared runs.", nameof(lossCurves));
            if (OverfittingDetector.Detect(curves.Train, curves.Validation, options.Overfitting) is { } signal)
                overfitting.Add(new OverfittingFinding(curves.RunId, curves.Pair, signal));
        }

        var findings = new List<ComparisonFinding>();
        findings.AddRange(best.Select(sentences.Best));
        if (pareto is not null && pareto.Points.Count > 0)
        {
            findings.Add(sentences.Front(pareto));
            findings.AddRange(pareto.Excluded.Select(sentences.Excluded));
        }
        findings.AddRange(dominated.Select(d => sentences.Dominated(d, metrics)));
        findings.AddRange(overfitting.Select(sentences.Overfitting));
        return new ComparisonReport(runs, comparisons, best, dominated, pareto, overfitting, findings);
    }

    /// <summary>A run's value of a metric (best or last), or null when it has not logged it.</summary>
    public static double? ValueOf(ComparisonRun run, ComparisonMetric metric) =>
        run.Metrics.FirstOrDefault(s => s.Key == metric.Key) is { } summary ? RunRanking.Pick(summary, metric.Aggregate, metric.Direction) : null;

    private static ParetoFront? Pareto(IReadOnlyList<ComparisonMetric> metrics, IReadOnlyList<string> ids, IReadOnlyList<IReadOnlyList<double?>> values,
        ComparisonOptions options)
    {
        var x = IndexOf(metrics, options.ParetoX) ?? 0;
        var y = IndexOf(metrics, options.ParetoY) ?? Enumerable.Range(0, metrics.Count).Cast<int?>().FirstOrDefault(k => k != x);
        if (metrics.Count < 2 || y is not { } yIndex || yIndex == x) return null;
        return ParetoAnalysis.Front(metrics[x], metrics[yIndex], ids.Select((id, r) => (id, values[r][x], values[r][yIndex])).ToList());
    }

    private static int? IndexOf(IReadOnlyList<ComparisonMetric> metrics, string? key)
    {
        if (key is null) return null;
        for (var k = 0; k < metrics.Count; k++)
        {
            if (metrics[k].Key == key) return k;
        }
        throw new ArgumentException($"The Pareto metric '{key}' is not among the chosen metrics.", nameof(key));
    }
}
