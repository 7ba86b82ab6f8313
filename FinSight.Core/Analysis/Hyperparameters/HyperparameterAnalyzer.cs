namespace FinSight.Core.Analysis.Hyperparameters;

/// <summary>
/// Relates an experiment's params to a target metric, as Weights &amp; Biases' parameter importance panel does:
/// per param the Pearson and Spearman correlations with the target (with p-values), a model-based importance
/// (permutation importance of a FastForest regressor trained on all params), the range the best runs used, and
/// plain-language recommendations. Categorical params get no correlation (their values have no order, so a
/// coefficient would depend on an arbitrary numbering): they get the correlation ratio η with its ANOVA p-value
/// instead, and the model measures their importance like any other param's.
/// </summary>
public static class HyperparameterAnalyzer
{
    /// <summary>Below this share of the total importance, and without a significant correlation, a param shows no clear effect.</summary>
    public const double ClearImportanceShare = 0.15;

    /// <summary>A correlation counts only when it is at least this strong and significant at <see cref="SignificanceLevel"/>.</summary>
    public const double MinCorrelation = 0.1;

    /// <summary>The p-value below which a correlation is significant.</summary>
    public const double SignificanceLevel = 0.05;

    /// <summary>
    /// Analyses <paramref name="runs"/> (finished runs; those without a finite target value are left out and counted)
    /// for <paramref name="target"/>. With fewer usable runs than <see cref="HyperparameterSettings.MinRuns"/> the
    /// result holds a message saying how many more are needed, and no numbers.
    /// </summary>
    public static HyperparameterAnalysis Analyze(string target, MetricDirection direction, MetricAggregate aggregate,
        IReadOnlyList<HyperparameterRun> runs, HyperparameterSettings? settings = null)
    {
        settings ??= new HyperparameterSettings();
        var usable = runs.Where(r => r.Target is { } t && double.IsFinite(t)).ToList();
        var result = new HyperparameterAnalysis
        {
            Target = target, Direction = direction, Aggregate = aggregate,
            Runs = usable.Count, ExcludedRuns = runs.Count - usable.Count, MinRuns = settings.MinRuns,
        };
        if (usable.Count < settings.MinRuns)
        {
            var more = settings.MinRuns - usable.Count;
            return result with { MoreRunsNeeded = more, Message = TooFew(target, usable.Count, result.ExcludedRuns, settings.MinRuns) };
        }

        var targets = usable.Select(r => r.Target!.Value).ToList();
        // Stable: runs tied on the target keep their input order.
        var ranked = direction == MetricDirection.Minimize
            ? Enumerable.Range(0, usable.Count).OrderBy(i => targets[i]).ToList()
            : Enumerable.Range(0, usable.Count).OrderByDescending(i => targets[i]).ToList();
        // The small epsilon keeps 0.1 × 30 (3.0000000000000004 in binary) at 3 runs, not 4.
        var bestCount = Math.Max(1, (int)Math.Ceiling(usable.Count * settings.BestFraction - 1e-9));
        var best = ranked.Take(bestCount).ToList();

        var columns = ParameterColumn.Build(usable);
        var varying = columns.Where(c => !c.Constant).ToList();
        var targetVaries = targets.Any(t => t != targets[0]);
        var importance = targetVaries && varying.Count > 0 ? ForestImportance.Compute(varying, targets, settings) : [];
        var total = importance.Sum();
        var parameters = columns
            .Select(c =>
            {
                var index = varying.IndexOf(c);
                double? score = index >= 0 && importance.Count > 0 ? importance[index] : null;
                return Describe(c, targets, best, targetVaries, score, score is { } s && total > 0 ? s / total : null);
            })
            .OrderBy(p => p.Effect)
            .ThenByDescending(p => p.Importance ?? -1)
            .ThenByDescending(p => Math.Abs(p.Spearman ?? 0))
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToList();

        return result with
        {
            BestRuns = bestCount,
            BestRunIds = best.Select(i => usable[i].RunId).ToList(),
            Parameters = parameters,
            Message = targetVaries ? null
                : $"Every usable run has the same {target} ({HyperparameterRecommendations.Number(targets[0])}): there is nothing for the params to explain.",
            Recommendations = targetVaries
                ? HyperparameterRecommendations.Write(target, direction, aggregate, usable[best[0]], usable.Count, bestCount, parameters,
                    TriedRanges(varying))
                : [],
        };
    }

    // The smallest and largest value each numeric param took, so a recommendation can tell an optimum inside the range
    // tried (a learning rate best in the middle) from one at its edge (where "higher tends to help" is the honest advice).
    private static Dictionary<string, TriedRange> TriedRanges(IEnumerable<ParameterColumn> columns)
    {
        var ranges = new Dictionary<string, TriedRange>(StringComparer.Ordinal);
        foreach (var column in columns.Where(c => c.Kind == ParameterKind.Numeric))
        {
            int low = -1, high = -1;
            for (var i = 0; i < column.Numbers.Count; i++)
            {
                var n = column.Numbers[i];
                if (double.IsNaN(n)) continue;
                if (low < 0 || n < column.Numbers[low]) low = i;
                if (high < 0 || n > column.Numbers[high]) high = i;
            }
            if (low >= 0) ranges[column.Name] = new TriedRange(column.Numbers[low], column.Numbers[high], column.Texts[low]!, column.Texts[high]!);
        }
        return ranges;
    }

    private static string TooFew(string target, int usable, int excluded, int needed)
    {
        var more = needed - usable;
        var message = $"Hyperparameter analysis needs at least {needed} finished runs with a value of {target}; " +
                      $"this experiment has {usable}, so {more} more {(more == 1 ? "is" : "are")} needed.";
        if (excluded > 0)
            message += $" {excluded} finished {(excluded == 1 ? "run was" : "runs were")} left out: no {target}, or a NaN or infinite value.";
        return message;
    }

    private static ParameterAnalysis Describe(ParameterColumn column, IReadOnlyList<double> targets, IReadOnlyList<int> best,
        bool targetVaries, double? importance, double? share)
    {
        if (column.Constant)
        {
            var value = column.Texts.FirstOrDefault(t => t is not null) ?? ParameterColumn.Missing;
            return new ParameterAnalysis(column.Name, column.Kind, ParameterEffect.Constant, column.Present,
                null, null, null, null, null, null, null, null, null, null, null, null, value, [value], null, best.Count(i => column.Texts[i] is not null));
        }

        CorrelationResult? pearson = null, spearman = null, ratio = null;
        if (column.Kind == ParameterKind.Numeric && targetVaries)
        {
            var logged = Enumerable.Range(0, targets.Count).Where(i => !double.IsNaN(column.Numbers[i])).ToList();
            var x = logged.Select(i => column.Numbers[i]).ToList();
            var y = logged.Select(i => targets[i]).ToList();
            pearson = Correlations.Pearson(x, y);
            spearman = Correlations.Spearman(x, y);
        }
        else if (targetVaries)
        {
            ratio = Correlations.CorrelationRatio(Enumerable.Range(0, targets.Count).Select(column.CategoryOf).ToList(), targets);
        }
        var range = OptimalRange.Of(column, best);
        var effect = IsClear(pearson) || IsClear(spearman) || IsClear(ratio) || share >= ClearImportanceShare ? ParameterEffect.Clear : ParameterEffect.None;
        return new ParameterAnalysis(column.Name, column.Kind, effect, column.Present,
            pearson?.Coefficient, pearson?.PValue, spearman?.Coefficient, spearman?.PValue, ratio?.Coefficient, ratio?.PValue, importance, share,
            range.Min, range.Max, range.MinText, range.MaxText, range.Text,
            column.Kind == ParameterKind.Categorical ? range.Values.Select(v => v.Value).ToList() : null,
            column.Kind == ParameterKind.Categorical ? range.Values : null,
            range.BestRunsWithValue);
    }

    private static bool IsClear(CorrelationResult? correlation) =>
        correlation is { } c && Math.Abs(c.Coefficient) >= MinCorrelation && c.PValue < SignificanceLevel;
}
