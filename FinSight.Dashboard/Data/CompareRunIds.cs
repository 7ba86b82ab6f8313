using FinSight.Core.Tracking;

namespace FinSight.Dashboard.Data;

/// <summary>
/// The compare page's rule for its <c>runIds</c>: 2 to 20 distinct run ids, comma-separated. The same messages as
/// the page, so the page and the report API refuse the same addresses in the same words.
/// </summary>
public static class CompareRunIds
{
    public const int Min = 2;
    public const int Max = 20;

    /// <summary>Null when the ids are usable, otherwise what is wrong with them, naming the offending id.</summary>
    public static string? Check(string? runIds, out IReadOnlyList<string> ids)
    {
        var list = (runIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToList();
        ids = list;
        if (list.Count < Min)
            return list.Count == 0 ? "No runs to compare: the address names none." : $"Only one run named ({list[0]}); compare needs at least {Min}.";
        if (list.Count > Max) return $"{list.Count} runs named; at most {Max} can be compared at once.";
        foreach (var id in list)
        {
            if (!RunIds.IsValid(id)) return $"'{(id.Length > 40 ? id[..40] + "…" : id)}' is not a run id; run ids are 32 lowercase hex characters.";
        }
        return null;
    }

    /// <summary>Null when every id in <paramref name="ids"/> was found among <paramref name="runs"/>, otherwise which were not.</summary>
    public static string? Missing(IReadOnlyList<string> ids, IEnumerable<ComparedRun> runs)
    {
        var found = runs.Select(r => r.Info.RunId).ToHashSet(StringComparer.Ordinal);
        var missing = ids.Where(id => !found.Contains(id)).ToList();
        return missing.Count switch
        {
            0 => null,
            1 => $"No run has the id '{missing[0]}'.",
            _ => $"No runs have these ids: {string.Join(", ", missing.Select(m => $"'{m}'"))}.",
        };
    }
}
