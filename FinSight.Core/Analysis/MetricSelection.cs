namespace FinSight.Core.Analysis;

/// <summary>Which metrics a comparison of runs shows before the user picks.</summary>
public static class MetricSelection
{
    /// <summary>Prefix of system metrics (CPU, memory, GPU…), hidden from comparisons unless asked for.</summary>
    public const string SystemPrefix = "system/";

    /// <summary>Whether <paramref name="key"/> is a system metric.</summary>
    public static bool IsSystem(string key) => key.StartsWith(SystemPrefix, StringComparison.Ordinal);

    /// <summary>
    /// The loss-like keys every run has (train before validation); failing that, the first other keys
    /// they share; failing that, loss-like keys any of them has. System metrics are never chosen.
    /// </summary>
    public static IReadOnlyList<string> DefaultKeys(IReadOnlyList<IReadOnlyCollection<string>> keysPerRun, int max = 4)
    {
        if (keysPerRun.Count == 0) return [];
        var shared = new HashSet<string>(keysPerRun[0].Where(k => !IsSystem(k)), StringComparer.Ordinal);
        foreach (var keys in keysPerRun.Skip(1)) shared.IntersectWith(keys);
        var sharedLoss = Ordered(shared.Where(IsLossLike));
        if (sharedLoss.Count > 0) return sharedLoss.Take(max).ToList();
        if (shared.Count > 0) return Ordered(shared).Take(max).ToList();
        return Ordered(keysPerRun.SelectMany(k => k).Where(k => !IsSystem(k) && IsLossLike(k)).Distinct(StringComparer.Ordinal)).Take(max).ToList();
    }

    /// <summary>Whether <paramref name="key"/> names a loss (train_loss, val/loss, nll_loss…); profit and loss (P&amp;L) is not one.</summary>
    public static bool IsLossLike(string key) =>
        key.Contains("loss", StringComparison.OrdinalIgnoreCase) && MetricDirections.Infer(key) == MetricDirection.Minimize;

    /// <summary>The loss-like keys among <paramref name="keys"/>, system metrics left out, training before validation.</summary>
    public static IReadOnlyList<string> LossKeys(IEnumerable<string> keys) => Ordered(keys.Where(k => !IsSystem(k) && IsLossLike(k)));

    // Training curves before validation ones, then by name, so the default reads train_loss, val_loss.
    private static List<string> Ordered(IEnumerable<string> keys) =>
        keys.OrderBy(k => k.StartsWith("val", StringComparison.OrdinalIgnoreCase) || k.Contains("/val", StringComparison.OrdinalIgnoreCase) ? 1 : 0)
            .ThenBy(k => k, StringComparer.Ordinal)
            .ToList();
}
