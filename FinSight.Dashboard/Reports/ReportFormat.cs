using System.Globalization;
using FinSight.Dashboard.Components.Shared;

namespace FinSight.Dashboard.Reports;

/// <summary>How reports show numbers and times: UTC (a report is read elsewhere, later) and six significant digits.</summary>
public static class ReportFormat
{
    public static string Number(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "Infinity"
        : double.IsNegativeInfinity(value) ? "-Infinity"
        : value.ToString("G6", CultureInfo.InvariantCulture);

    public static string Number(double? value) => value is { } v ? Number(v) : "—";

    public static string Time(long epochMs) => Display.UtcTime(epochMs);

    public static string Time(long? epochMs) => epochMs is { } ms ? Time(ms) : "—";

    public static string Duration(long startMs, long? endMs, long nowMs) =>
        Display.Duration(startMs, endMs, nowMs) + (endMs is null ? " so far" : "");
}
