using System.Globalization;
using FinSight.Core.Query;
using FinSight.Dashboard.Data;

namespace FinSight.Dashboard.Apis;

/// <summary>Writes grid rows as RFC 4180 CSV: the run's own columns, then the chosen param/metric columns.</summary>
public static class RunsCsvWriter
{
    /// <param name="nowMs">The end of a running run's duration.</param>
    public static async Task WriteAsync(TextWriter writer, IReadOnlyList<FilterField> columns, IAsyncEnumerable<RunGridRow> rows,
        long nowMs, CancellationToken cancellationToken)
    {
        string[] header = ["run_id", "run_name", "status", "owner", "start_time", "end_time", "duration_ms", .. columns.Select(c => c.ToString())];
        await writer.WriteAsync(Line(header));
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var run = row.Run;
            string[] cells =
            [
                run.RunId, Text(run.RunName), run.Status, Text(run.Owner), Iso(run.StartTime), run.EndTime is { } end ? Iso(end) : "",
                ((run.EndTime ?? nowMs) - run.StartTime).ToString(CultureInfo.InvariantCulture),
                .. row.Values.Select(v => v.Number is { } n ? n.ToString("R", CultureInfo.InvariantCulture) : Text(v.Text)),
            ];
            await writer.WriteAsync(Line(cells));
        }
    }

    private static string Line(IEnumerable<string> cells) => string.Join(',', cells.Select(Quote)) + "\r\n";

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    /// <summary>
    /// Text logged by training code is opened in spreadsheets: a leading =, +, - or @ would run as a formula,
    /// so such text (but not a plain number like "-3") gets a leading apostrophe, as OWASP advises.
    /// </summary>
    private static string Text(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var risky = text[0] is '=' or '+' or '@' or '\t' or '\r' || (text[0] == '-' && RunRecordAccessor.ReadNumber(text) is null);
        return risky ? "'" + text : text;
    }

    private static string Iso(long epochMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMs).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
