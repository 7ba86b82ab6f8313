namespace FinSight.Client.SystemMetrics;

/// <summary>Cumulative CPU time of all cores, in clock ticks, from the <c>cpu</c> line of <c>/proc/stat</c>.</summary>
/// <param name="Idle">Ticks spent idle or waiting for I/O.</param>
/// <param name="Total">Ticks of every kind.</param>
internal readonly record struct CpuTimes(ulong Idle, ulong Total)
{
    /// <summary>
    /// Percentage of time busy between <paramref name="earlier"/> and this reading, or null when no
    /// time passed (or the counters went backwards, which a CPU going offline can cause).
    /// </summary>
    public double? UsagePercentSince(CpuTimes earlier)
    {
        if (Total <= earlier.Total || Idle < earlier.Idle) return null;
        var total = (double)(Total - earlier.Total);
        var idle = (double)(Idle - earlier.Idle);
        return Math.Clamp((total - idle) / total * 100.0, 0.0, 100.0);
    }
}
