using System.Globalization;

namespace FinSight.Client.SystemMetrics;

/// <summary>
/// Reads the output of <c>nvidia-smi --query-gpu=index,utilization.gpu,memory.used,memory.total,temperature.gpu,power.draw
/// --format=csv,noheader,nounits</c>: one line per GPU, e.g. <c>0, 87, 30512, 81559, 64, 312.45</c>.
/// </summary>
internal static class NvidiaSmiParser
{
    /// <summary>The arguments that produce the output <see cref="Parse"/> reads.</summary>
    public const string QueryArguments =
        "--query-gpu=index,utilization.gpu,memory.used,memory.total,temperature.gpu,power.draw --format=csv,noheader,nounits";

    private const int FieldCount = 6;

    /// <summary>
    /// One reading per GPU line. Lines that are not GPU lines (a header, a warning, a short line)
    /// are skipped; fields such as <c>[N/A]</c> or <c>[Not Supported]</c> become null.
    /// </summary>
    public static IReadOnlyList<GpuReading> Parse(string csvOutput)
    {
        var readings = new List<GpuReading>();
        Span<Range> ranges = stackalloc Range[FieldCount + 1];
        foreach (var line in csvOutput.AsSpan().EnumerateLines())
        {
            if (line.Split(ranges, ',') != FieldCount) continue;
            if (!int.TryParse(line[ranges[0]].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var index)) continue;
            readings.Add(new GpuReading(
                index,
                ReadNumber(line[ranges[1]]),
                ReadNumber(line[ranges[2]]),
                ReadNumber(line[ranges[3]]),
                ReadNumber(line[ranges[4]]),
                ReadNumber(line[ranges[5]])));
        }
        return readings;
    }

    // nvidia-smi prints numbers in the invariant format whatever the locale; anything else
    // ("[N/A]", "[Not Supported]", "[Unknown Error]", "N/A") means the driver has no value.
    private static double? ReadNumber(ReadOnlySpan<char> field) =>
        double.TryParse(field.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : null;
}
