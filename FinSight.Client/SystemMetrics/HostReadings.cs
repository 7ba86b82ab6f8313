namespace FinSight.Client.SystemMetrics;

/// <summary>
/// Reads the host's counters: Linux's <c>/proc</c> files for CPU, memory and network, and the
/// file system of the working directory for disk. Each reading is null where the platform
/// cannot give it, so one missing source never hides the others.
/// </summary>
internal static class HostReadings
{
    /// <summary>Aggregate CPU times, Linux only.</summary>
    public static CpuTimes? Cpu() => ReadProc("/proc/stat", ProcStatParser.ParseCpuTimes);

    /// <summary>Physical memory, Linux only.</summary>
    public static MemoryReading? Memory() => ReadProc("/proc/meminfo", MemInfoParser.Parse);

    /// <summary>Bytes received and sent by every non-loopback interface since boot, Linux only.</summary>
    public static long? NetworkBytes() => ReadProc("/proc/net/dev", NetDevParser.TotalBytes);

    /// <summary>
    /// Percentage of the working directory's file system in use, as <c>df</c> computes it:
    /// used / (used + available to unprivileged users).
    /// </summary>
    public static double? DiskUsedPercent()
    {
        try
        {
            var drive = new DriveInfo(Directory.GetCurrentDirectory());
            var used = drive.TotalSize - drive.TotalFreeSpace;
            var usable = used + drive.AvailableFreeSpace;
            return usable > 0 ? used * 100.0 / usable : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private static T? ReadProc<T>(string path, Func<string, T?> parse) where T : struct
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            return parse(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
