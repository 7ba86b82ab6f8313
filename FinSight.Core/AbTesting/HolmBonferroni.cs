namespace FinSight.Core.AbTesting;

/// <summary>
/// Holm's step-down correction: controls the family-wise error rate like Bonferroni, but is uniformly more
/// powerful. Every treatment × metric comparison of a test is one family, so adding guardrails or variants
/// does not quietly raise the chance of a false winner.
/// </summary>
public static class HolmBonferroni
{
    /// <summary>The name results report for this correction.</summary>
    public const string Name = "holm-bonferroni";

    /// <summary>
    /// Adjusted p-values in the input order (as R's <c>p.adjust(p, "holm")</c>). Nulls are not comparisons:
    /// they stay null and do not count towards the family size m. With the p-values sorted ascending,
    /// p̃(i) = max over j ≤ i of min(1, (m − j + 1)·p(j)); the running maximum keeps the adjusted values in
    /// the same order as the raw ones.
    /// </summary>
    public static double?[] Adjust(IReadOnlyList<double?> pValues)
    {
        var adjusted = new double?[pValues.Count];
        // Ties keep input order (a stable sort), though tied p-values get equal adjusted values anyway.
        var order = Enumerable.Range(0, pValues.Count)
            .Where(i => pValues[i] is not null)
            .OrderBy(i => pValues[i]!.Value)
            .ToList();
        var m = order.Count;
        var runningMax = 0.0;
        for (var rank = 0; rank < m; rank++)
        {
            var index = order[rank];
            runningMax = Math.Max(runningMax, Math.Min(1, (m - rank) * pValues[index]!.Value));
            adjusted[index] = runningMax;
        }
        return adjusted;
    }
}
