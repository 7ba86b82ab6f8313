namespace FinSight.Client.SystemMetrics;

/// <summary>Reads the aggregate <c>cpu</c> line of Linux's <c>/proc/stat</c>.</summary>
internal static class ProcStatParser
{
    /// <summary>
    /// The aggregate CPU times, or null when the text has no readable <c>cpu</c> line. Columns are
    /// user nice system idle iowait irq softirq steal [guest guest_nice]; guest time is already
    /// counted in user and nice, so only the first eight are summed.
    /// </summary>
    public static CpuTimes? ParseCpuTimes(string procStat)
    {
        Span<ulong> columns = stackalloc ulong[8];
        foreach (var line in procStat.AsSpan().EnumerateLines())
        {
            if (!line.StartsWith("cpu ")) continue;
            var count = 0;
            var values = line[4..];
            foreach (var range in values.Split(' '))
            {
                var field = values[range];
                if (field.IsEmpty) continue;
                if (count == columns.Length) break;
                if (!ulong.TryParse(field, out columns[count])) return null;
                count++;
            }
            // Kernels before 2.6 have only four columns; idle is the fourth in every version.
            if (count < 4) return null;
            ulong total = 0;
            for (var i = 0; i < count; i++) total += columns[i];
            var idle = columns[3] + (count > 4 ? columns[4] : 0);
            return new CpuTimes(idle, total);
        }
        return null;
    }
}
