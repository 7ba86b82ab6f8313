namespace FinSight.Core.Analysis.Kpis;

/// <summary>
/// GPU-hours from system metrics. A run's GPU-hours are the number of GPUs it logged metrics for (the distinct
/// <c>i</c> in <c>system/gpu/&lt;i&gt;/…</c> keys) times the time between its first and last GPU sample. A run
/// without GPU metrics counts 0: GPU-hours measure what was logged, not what was allocated.
/// </summary>
public static class GpuUsage
{
    /// <summary>The key prefix of per-GPU system metrics.</summary>
    public const string Prefix = "system/gpu/";

    private const double HourMs = 3_600_000;

    /// <summary>The GPU index in a key such as <c>system/gpu/1/utilization</c>; null for any other key.</summary>
    public static int? GpuIndex(string key)
    {
        if (!key.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var rest = key.AsSpan(Prefix.Length);
        var slash = rest.IndexOf('/');
        var digits = slash < 0 ? rest : rest[..slash];
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9')) return null;
        return int.TryParse(digits, out var index) ? index : null;
    }

    /// <summary>How many distinct GPUs the keys of one run name.</summary>
    public static int CountGpus(IEnumerable<string> keys) => keys.Select(GpuIndex).OfType<int>().Distinct().Count();

    /// <summary><paramref name="gpus"/> × the hours from <paramref name="firstMs"/> to <paramref name="lastMs"/>; 0 for no GPU or no time.</summary>
    public static double Hours(int gpus, long firstMs, long lastMs) =>
        gpus <= 0 || lastMs <= firstMs ? 0 : gpus * ((lastMs - firstMs) / HourMs);
}
