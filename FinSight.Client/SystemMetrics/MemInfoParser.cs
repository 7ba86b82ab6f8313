namespace FinSight.Client.SystemMetrics;

/// <summary>Reads Linux's <c>/proc/meminfo</c>.</summary>
internal static class MemInfoParser
{
    /// <summary>
    /// MemTotal and MemAvailable, or null when either is missing (kernels before 3.14 have no
    /// MemAvailable, and estimating it from MemFree would overstate usage).
    /// </summary>
    public static MemoryReading? Parse(string procMeminfo)
    {
        long? total = null, available = null;
        foreach (var line in procMeminfo.AsSpan().EnumerateLines())
        {
            if (line.StartsWith("MemTotal:")) total = ReadKilobytes(line["MemTotal:".Length..]);
            else if (line.StartsWith("MemAvailable:")) available = ReadKilobytes(line["MemAvailable:".Length..]);
        }
        return total is > 0 && available is >= 0 ? new MemoryReading(total.Value, available.Value) : null;
    }

    // Values look like "       16318480 kB"; the kernel's "kB" means KiB.
    private static long? ReadKilobytes(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        var space = value.IndexOf(' ');
        var number = space < 0 ? value : value[..space];
        return long.TryParse(number, out var kilobytes) ? kilobytes * 1024 : null;
    }
}
