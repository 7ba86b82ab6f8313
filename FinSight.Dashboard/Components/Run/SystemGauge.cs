using System.Text.RegularExpressions;

namespace FinSight.Dashboard.Components.Run;

/// <summary>One resource gauge on the run page: which <c>system/*</c> metric it shows and how.</summary>
/// <param name="Key">The metric key FinSight.Client's sampler logs.</param>
/// <param name="Title">What the card says.</param>
/// <param name="Unit">Shown after the value.</param>
/// <param name="FullScale">The value a full bar stands for; null for quantities without a natural maximum.</param>
/// <param name="FullScaleKey">A metric holding the full scale (a GPU's total memory), when it is reported.</param>
public sealed record SystemGauge(string Key, string Title, string Unit, double? FullScale = null, string? FullScaleKey = null);

/// <summary>The gauges for the system metrics FinSight.Client samples (see SystemMetricsSampler).</summary>
public static partial class SystemGauges
{
    public const string Prefix = FinSight.Core.Analysis.MetricSelection.SystemPrefix;

    public static readonly SystemGauge[] Host =
    [
        new("system/cpu_percent", "CPU", "%", 100),
        new("system/memory_percent", "Memory", "%", 100),
        new("system/memory_used_gb", "Memory used", "GB"),
        new("system/disk_percent", "Disk", "%", 100),
    ];

    /// <summary>The gauges of one GPU, all of them, so a field the driver never reported shows "no data".</summary>
    public static SystemGauge[] Gpu(int index) =>
    [
        new($"system/gpu/{index}/utilization", $"GPU {index} utilization", "%", 100),
        new($"system/gpu/{index}/memory_used_gb", $"GPU {index} memory", "GB", null, $"system/gpu/{index}/memory_total_gb"),
        new($"system/gpu/{index}/temperature_c", $"GPU {index} temperature", "°C", 100),
        new($"system/gpu/{index}/power_w", $"GPU {index} power", "W"),
    ];

    /// <summary>GPU indices that appear in any of the run's metric keys, in order.</summary>
    public static IReadOnlyList<int> GpuIndices(IEnumerable<string> keys) =>
        keys.Select(k => GpuKey().Match(k)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Distinct().Order().ToList();

    [GeneratedRegex(@"^system/gpu/(\d+)/")]
    private static partial Regex GpuKey();
}
