namespace FinSight.Client.SystemMetrics;

/// <summary>Physical memory, from <c>/proc/meminfo</c>.</summary>
/// <param name="TotalBytes">MemTotal.</param>
/// <param name="AvailableBytes">MemAvailable: what new work could use without swapping.</param>
internal readonly record struct MemoryReading(long TotalBytes, long AvailableBytes)
{
    /// <summary>Bytes in use: total less available.</summary>
    public long UsedBytes => TotalBytes - AvailableBytes;

    /// <summary>Percentage of memory in use.</summary>
    public double UsedPercent => TotalBytes <= 0 ? 0.0 : UsedBytes * 100.0 / TotalBytes;

    /// <summary>Memory in use in GB (2^30 bytes, as GPU memory is reported).</summary>
    public double UsedGb => UsedBytes / (1024.0 * 1024.0 * 1024.0);
}
