using System.Globalization;

namespace FinSight.Core.Analysis.Hyperparameters;

/// <summary>
/// Turns an analysis into sentences a researcher can act on: the best run, then each param with a clear effect
/// (where the best runs put it, and which way it pushes the target), then params without a clear effect, then the
/// params that never varied.
/// </summary>
internal static class HyperparameterRecommendations
{
    public static IReadOnlyList<string> Write(string target, MetricDirection direction, MetricAggregate aggregate, HyperparameterRun bestRun,
        int runs, int bestCount, IReadOnlyList<ParameterAnalysis> parameters, IReadOnlyDictionary<string, TriedRange> tried)
    {
        var lines = new List<string>
        {
            $"Best of {runs} runs by {(aggregate == MetricAggregate.Best ? "best" : "last")} {target} ({direction.ToWire()} is better): " +
            $"{bestRun.RunName} with {Number(bestRun.Target!.Value)}.",
        };
        foreach (var p in parameters.Where(p => p.Effect == ParameterEffect.Clear))
            lines.Add(p.Kind == ParameterKind.Numeric ? Numeric(p, target, direction, bestCount, tried.GetValueOrDefault(p.Name)) : Categorical(p, bestCount));
        foreach (var p in parameters.Where(p => p.Effect == ParameterEffect.None))
            lines.Add($"{p.Name} shows no clear effect ({Evidence(p)}).");
        var constants = parameters.Where(p => p.Effect == ParameterEffect.Constant).ToList();
        if (constants.Count > 0)
            lines.Add($"Never varied, so not analysed: {string.Join(", ", constants.Select(c => $"{c.Name} = {c.OptimalRange}"))}. Vary {(constants.Count == 1 ? "it" : "them")} to learn {(constants.Count == 1 ? "its" : "their")} effect.");
        return lines;
    }

    /// <summary>A value for a sentence: four significant digits, invariant culture.</summary>
    public static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static string Numeric(ParameterAnalysis p, string target, MetricDirection direction, int bestCount, TriedRange? tried)
    {
        var where = p.OptimalMin == p.OptimalMax ? $"{p.Name} = {p.OptimalMinText}" : $"{p.Name} between {p.OptimalMinText} and {p.OptimalMaxText}";
        var line = $"{where} in {Among(p.BestRunsWithValue, bestCount)}";
        // The best runs sit strictly inside the values tried: going further either way made things worse, whatever a
        // rank correlation over the whole range says.
        if (tried is not null && p.OptimalMin is { } low && p.OptimalMax is { } high && low > tried.Min && high < tried.Max && IsNarrow(low, high, tried))
            return $"{line}, inside the values tried ({tried.MinText} to {tried.MaxText}): both lower and higher values did worse (importance {Score(p.Importance)}).";
        // Spearman first: hyperparameters often act through their order of magnitude, which a rank correlation sees whole.
        var (name, symbol, r, pValue) = Significant(p.SpearmanPValue, p.Spearman) ? ("Spearman", "ρ", p.Spearman!.Value, p.SpearmanPValue!.Value)
            : Significant(p.CorrelationPValue, p.Correlation) ? ("Pearson", "r", p.Correlation!.Value, p.CorrelationPValue!.Value)
            : ("", "", 0, 1);
        if (name.Length == 0) return $"{line}; no steady trend across the values tried (importance {Score(p.Importance)}).";
        var higherHelps = r > 0 == (direction == MetricDirection.Maximize);
        return $"{line}; {(higherHelps ? "higher" : "lower")} {p.Name} tends to give better {target} ({name} {symbol} = {Coefficient(r)}, {PValue(pValue)}).";
    }

    // The best runs share a small part of what was tried: at most half its span, on a log scale for a positive param
    // tried over two decades or more (learning rates, weight decays). Best runs spread over most of the range say
    // only that the param matters little there, not that both ends are worse.
    private static bool IsNarrow(double low, double high, TriedRange tried)
    {
        var logScale = tried.Min > 0 && tried.Max / tried.Min >= 100;
        Func<double, double> scale = logScale ? Math.Log10 : v => v;
        return scale(high) - scale(low) <= 0.5 * (scale(tried.Max) - scale(tried.Min));
    }

    private static string Categorical(ParameterAnalysis p, int bestCount)
    {
        var counts = p.BestValueCounts ?? [];
        if (counts.Count == 0) return $"{p.Name} matters (importance {Score(p.Importance)}).";
        var top = counts[0];
        var of = bestCount == 1 ? "the best run" : $"{top.Count} of the {bestCount} best runs";
        if (bestCount > 1 && top.Count == bestCount) of = $"all of the {bestCount} best runs";
        var evidence = p.CorrelationRatio is { } eta ? $"η = {Coefficient(eta)}, {PValue(p.CorrelationRatioPValue ?? 1)}; " : "";
        return $"{p.Name} = {top.Value} in {of} ({evidence}importance {Score(p.Importance)}).";
    }

    private static string Among(int logged, int bestCount) =>
        bestCount == 1 ? "the best run"
        : logged == bestCount ? $"all of the {bestCount} best runs"
        : $"{logged} of the {bestCount} best runs ({bestCount - logged} did not log it)";

    private static string Evidence(ParameterAnalysis p) =>
        p.Kind == ParameterKind.Numeric && p.Correlation is { } r
            ? $"r = {Coefficient(r)}, {PValue(p.CorrelationPValue ?? 1)}; importance {Score(p.Importance)}"
            : p.CorrelationRatio is { } eta
                ? $"η = {Coefficient(eta)}, {PValue(p.CorrelationRatioPValue ?? 1)}; importance {Score(p.Importance)}"
                : $"importance {Score(p.Importance)}";

    private static bool Significant(double? pValue, double? r) =>
        pValue < HyperparameterAnalyzer.SignificanceLevel && Math.Abs(r ?? 0) >= HyperparameterAnalyzer.MinCorrelation;

    private static string Coefficient(double r) => r.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Score(double? importance) => importance is { } i ? i.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    private static string PValue(double p) => p < 0.001 ? "p < 0.001" : $"p = {p.ToString("0.000", CultureInfo.InvariantCulture)}";
}
