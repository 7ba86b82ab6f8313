namespace FinSight.Core.Analysis.Hyperparameters;

/// <summary>Where the best runs put a param: the span of a numeric param's values, or a categorical param's values with counts.</summary>
/// <param name="Min">Numeric: the smallest value among the best runs that logged the param.</param>
/// <param name="Max">Numeric: the largest.</param>
/// <param name="MinText">The smallest as logged ("1e-4").</param>
/// <param name="MaxText">The largest as logged.</param>
/// <param name="Values">Categorical: each value the best runs used with its count, most frequent first.</param>
/// <param name="BestRunsWithValue">How many of the best runs logged the param.</param>
internal sealed record OptimalRange(double? Min, double? Max, string? MinText, string? MaxText, IReadOnlyList<ValueCount> Values, int BestRunsWithValue)
{
    /// <summary>The range for display: "1e-4 – 3e-4", a single value, or the categorical values.</summary>
    public string? Text => MinText is null ? (Values.Count == 0 ? null : string.Join(", ", Values.Select(v => v.Value)))
        : MinText == MaxText || Min == Max ? MinText : $"{MinText} – {MaxText}";

    /// <summary>The range of <paramref name="column"/> over the runs at <paramref name="best"/> (indices into the usable runs).</summary>
    public static OptimalRange Of(ParameterColumn column, IReadOnlyList<int> best)
    {
        var logged = best.Where(i => column.Texts[i] is not null).ToList();
        if (column.Kind == ParameterKind.Numeric)
        {
            if (logged.Count == 0) return new OptimalRange(null, null, null, null, [], 0);
            var low = logged.MinBy(i => column.Numbers[i]);
            var high = logged.MaxBy(i => column.Numbers[i]);
            return new OptimalRange(column.Numbers[low], column.Numbers[high], column.Texts[low], column.Texts[high], [], logged.Count);
        }
        var values = best.Select(i => column.Texts[i] ?? ParameterColumn.Missing)
            .GroupBy(v => v, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ValueCount(g.Key, g.Count()))
            .ToList();
        return new OptimalRange(null, null, null, null, values, logged.Count);
    }
}
