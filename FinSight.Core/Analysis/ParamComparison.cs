using System.Globalization;
using FinSight.Core.Contracts;

namespace FinSight.Core.Analysis;

/// <summary>One param across the compared runs.</summary>
/// <param name="Key">The param key.</param>
/// <param name="Values">The value per run, in run order; null where a run did not log it.</param>
/// <param name="Differs">Whether the runs disagree (a missing value counts as different).</param>
/// <param name="IsNumeric">Whether every logged value is a number (so it can be an axis with a scale).</param>
public sealed record ParamRow(string Key, IReadOnlyList<string?> Values, bool Differs, bool IsNumeric)
{
    /// <summary>The values as numbers (NaN where missing); meaningful when <see cref="IsNumeric"/>.</summary>
    public IReadOnlyList<double> Numbers => Values.Select(v => v is null ? double.NaN : ParamComparison.Parse(v)).ToList();
}

/// <summary>Lines runs' params up key by key, for tables and parallel-coordinates charts.</summary>
public static class ParamComparison
{
    /// <summary>A row per param key any run logged, ordered by key.</summary>
    public static IReadOnlyList<ParamRow> Build(IReadOnlyList<IReadOnlyList<KeyValueEntry>> paramsPerRun)
    {
        var lookups = paramsPerRun.Select(ps => ps.Where(p => p.Key is not null).GroupBy(p => p.Key!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal)).ToList();
        var keys = lookups.SelectMany(l => l.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return keys.Select(key =>
        {
            var values = lookups.Select(l => l.GetValueOrDefault(key)).ToList();
            var present = values.Where(v => v is not null).Select(v => v!).ToList();
            var numeric = present.Count > 0 && present.All(v => !double.IsNaN(Parse(v)));
            // "0.001" and "1e-3" are the same learning rate: numbers are compared as numbers.
            var distinct = numeric
                ? values.Select(v => v is null ? (double?)null : Parse(v)).Distinct().Count()
                : values.Distinct(StringComparer.Ordinal).Count();
            return new ParamRow(key, values, distinct > 1, numeric);
        }).ToList();
    }

    /// <summary>A param value as a number, or NaN when it is not one (invariant culture; "nan" itself is not a number here).</summary>
    public static double Parse(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number : double.NaN;
}
