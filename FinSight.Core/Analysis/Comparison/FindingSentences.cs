using System.Globalization;

namespace FinSight.Core.Analysis.Comparison;

/// <summary>Words the findings for a user to act on; run names become parts that carry their run ids.</summary>
internal sealed class FindingSentences(IReadOnlyDictionary<string, string> namesById)
{
    public ComparisonFinding Best(BestRunFinding best)
    {
        var parts = Runs(best.RunIds);
        var metric = best.Metric.Aggregate == MetricAggregate.Last ? $"final {best.Metric.Key}" : best.Metric.Key;
        parts.Add(Text(best.RunIds.Count == 1 ? $" has the best {metric} ({Number(best.Value)}, {Direction(best.Metric)})." : $" share the best {metric} ({Number(best.Value)}, {Direction(best.Metric)})."));
        return new ComparisonFinding(FindingKind.BestRun, parts);
    }

    public ComparisonFinding Front(ParetoFront pareto)
    {
        var front = pareto.Front.Select(p => p.RunId).ToList();
        var parts = Runs(front);
        var axes = $"{pareto.X.Key} ({Direction(pareto.X)}) and {pareto.Y.Key} ({Direction(pareto.Y)})";
        parts.Add(Text(front.Count == 1
            ? $" alone forms the Pareto front on {axes}: it is at least as good as every other run on both."
            : $" form the Pareto front on {axes}: no other run is at least as good on both and better on one; choosing among them trades one metric for the other."));
        return new ComparisonFinding(FindingKind.ParetoFront, parts);
    }

    public ComparisonFinding Excluded(ParetoExclusion exclusion) => new(FindingKind.ParetoExcluded,
    [
        Run(exclusion.RunId),
        Text($" is left out of the Pareto front: it has no finite value of {string.Join(" or ", exclusion.Metrics)}."),
    ]);

    public ComparisonFinding Dominated(DominatedRunFinding dominated, IReadOnlyList<ComparisonMetric> metrics)
    {
        var by = dominated.DominatedBy[0];
        var others = dominated.DominatedBy.Count - 1;
        List<FindingPart> parts =
        [
            Run(dominated.RunId),
            Text(" is dominated by "),
            Run(by),
            Text($": it is at least as good on every chosen metric ({string.Join(", ", metrics.Select(m => m.Key))}) and better on {string.Join(", ", dominated.BetterOn)}"),
            Text(others == 0 ? "." : others == 1 ? " (one other run dominates it too)." : $" ({others} other runs dominate it too)."),
        ];
        return new ComparisonFinding(FindingKind.Dominated, parts);
    }

    public ComparisonFinding Overfitting(OverfittingFinding finding)
    {
        var s = finding.Signal;
        return new ComparisonFinding(FindingKind.Overfitting,
        [
            Run(finding.RunId),
            Text($" overfits from step {s.MinimumStep}: {finding.Pair.ValidationKey} was lowest there ({Number(s.MinimumValue)}, smoothed) " +
                 $"and rose {Percent(s.RelativeRise)} by step {s.LastStep} while {finding.Pair.TrainKey} kept falling " +
                 $"({Number(s.TrainAtMinimum)} to {Number(s.TrainLast)}); the checkpoint near step {s.MinimumStep} generalises best, " +
                 "or stop earlier, regularise or add data."),
        ]);
    }

    /// <summary>A metric value with four significant digits, as the dashboard shows values.</summary>
    internal static string Number(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "∞"
        : double.IsNegativeInfinity(value) ? "-∞"
        : value.ToString("G4", CultureInfo.InvariantCulture);

    private static string Percent(double fraction) => (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static string Direction(ComparisonMetric metric) => metric.Direction == MetricDirection.Minimize ? "lower is better" : "higher is better";

    private static FindingPart Text(string text) => new(text);

    private FindingPart Run(string runId) => new(namesById.TryGetValue(runId, out var name) ? name : runId, runId);

    /// <summary>"a", "a and b", "a, b and c", with each name a run part.</summary>
    private List<FindingPart> Runs(IReadOnlyList<string> runIds)
    {
        var parts = new List<FindingPart>();
        for (var i = 0; i < runIds.Count; i++)
        {
            if (i > 0) parts.Add(Text(i == runIds.Count - 1 ? " and " : ", "));
            parts.Add(Run(runIds[i]));
        }
        return parts;
    }
}
