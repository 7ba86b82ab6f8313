namespace FinSight.Client.SystemMetrics;

/// <summary>Reads Linux's <c>/proc/net/dev</c>.</summary>
internal static class NetDevParser
{
    /// <summary>
    /// Bytes received plus bytes transmitted by every interface except loopback, or null when no
    /// interface line could be read. Each line is <c>name: rx_bytes rx_packets … (8 receive
    /// columns) tx_bytes …</c>; the two header lines have no number after their colon.
    /// </summary>
    public static long? TotalBytes(string procNetDev)
    {
        long? total = null;
        foreach (var line in procNetDev.AsSpan().EnumerateLines())
        {
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var name = line[..colon].Trim();
            if (name.IsEmpty || name.SequenceEqual("lo")) continue;
            // Old kernels print "eth0:123" with no space once the counter is wide, hence splitting at the colon.
            if (!TryReadColumns(line[(colon + 1)..], out var received, out var transmitted)) continue;
            total = (total ?? 0) + received + transmitted;
        }
        return total;
    }

    private static bool TryReadColumns(ReadOnlySpan<char> counters, out long received, out long transmitted)
    {
        received = transmitted = 0;
        var column = 0;
        foreach (var range in counters.Split(' '))
        {
            var field = counters[range];
            if (field.IsEmpty) continue;
            if (column == 0 && !long.TryParse(field, out received)) return false;
            if (column == 8) return long.TryParse(field, out transmitted);
            column++;
        }
        return false;
    }
}
