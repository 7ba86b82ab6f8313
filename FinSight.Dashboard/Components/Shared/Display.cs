using System.Globalization;

namespace FinSight.Dashboard.Components.Shared;

/// <summary>How pages show times, durations and metric values, the same everywhere.</summary>
public static class Display
{
    public static string Time(long epochMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMs).ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Time(long? epochMs) => epochMs is { } ms ? Time(ms) : "";

    /// <summary>
    /// An instant in UTC, ISO-like ("2026-11-26 20:57:03 UTC"), for the account and admin pages: audit events,
    /// sign-ins and key expiries are compared across people and logs, so they carry no local offset.
    /// </summary>
    public static string UtcTime(long epochMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMs).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string UtcTime(long? epochMs, string none = "") => epochMs is { } ms ? UtcTime(ms) : none;

    /// <summary>Run duration: to the end time, or to now while it runs.</summary>
    public static string Duration(long startMs, long? endMs, long nowMs) => Duration(TimeSpan.FromMilliseconds(Math.Max(0, (endMs ?? nowMs) - startMs)));

    public static string Duration(TimeSpan d) =>
        d.TotalDays >= 1 ? $"{(int)d.TotalDays}d {d.Hours}h"
        : d.TotalHours >= 1 ? $"{(int)d.TotalHours}h {d.Minutes}m"
        : d.TotalMinutes >= 1 ? $"{(int)d.TotalMinutes}m {d.Seconds}s"
        : $"{d.TotalSeconds:0.0}s";

    /// <summary>A metric value with four significant digits; NaN and infinities spelled out.</summary>
    public static string Number(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "∞"
        : double.IsNegativeInfinity(value) ? "-∞"
        : value.ToString("G4", CultureInfo.InvariantCulture);

    public static string Number(double? value) => value is { } v ? Number(v) : "";

    private static readonly string[] ByteUnits = ["B", "KB", "MB", "GB", "TB"];

    /// <summary>A file size in binary units ("512 B", "1.5 KB", "3.2 GB"); empty for a folder's null size.</summary>
    public static string Bytes(long? bytes)
    {
        if (bytes is not { } value) return "";
        var size = (double)value;
        var unit = 0;
        while (size >= 1024 && unit < ByteUnits.Length - 1) (size, unit) = (size / 1024, unit + 1);
        return unit == 0 ? $"{value} B" : size.ToString(size < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " " + ByteUnits[unit];
    }
}
