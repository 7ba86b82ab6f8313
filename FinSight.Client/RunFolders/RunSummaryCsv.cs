using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace FinSight.Client.RunFolders;

/// <summary>
/// <c>summary.csv</c>: one row per run under a root — run_id, experiment, run_name, status, start_time, end_time
/// (ISO 8601 UTC), folder, then <c>params.&lt;key&gt;</c> and <c>metrics.&lt;key&gt;</c> (the last value logged) columns,
/// the union over every run. Rewritten whole (to a temporary file, then renamed) when a run ends.
/// </summary>
public static class RunSummaryCsv
{
    private static readonly string[] FixedColumns = ["run_id", "experiment", "run_name", "status", "start_time", "end_time", "folder"];
    private static readonly Lock Gate = new();

    /// <summary>Replaces (or adds) the run's row.</summary>
    public static void Upsert(string root, string folderName, RunConfig run, IReadOnlyDictionary<string, double> latest)
    {
        var row = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["run_id"] = run.RunId, ["experiment"] = run.Experiment, ["run_name"] = run.RunName ?? "", ["status"] = run.Status,
            ["start_time"] = Iso(run.StartTime), ["end_time"] = run.EndTime is { } end ? Iso(end) : "", ["folder"] = folderName,
        };
        foreach (var (key, value) in run.Params) row["params." + key] = value;
        foreach (var (key, value) in latest) row["metrics." + key] = Number(value);
        var path = Path.Combine(root, RunFolderLayout.SummaryFile);
        // Runs of one process end on several threads; runs of several processes rarely end in the same instant,
        // and the rename keeps the file whole even then (the later writer wins).
        lock (Gate)
        {
            var rows = Read(path).Where(r => r.GetValueOrDefault("run_id") != run.RunId).ToList();
            rows.Add(row);
            Write(path, rows);
        }
    }

    /// <summary>Every row, as column → cell.</summary>
    public static List<Dictionary<string, string>> Read(string path)
    {
        var rows = new List<Dictionary<string, string>>();
        if (!File.Exists(path)) return rows;
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        if (!csv.Read() || !csv.ReadHeader()) return rows;
        var header = csv.HeaderRecord!;
        while (csv.Read())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++) row[header[i]] = csv.GetField(i) ?? "";
            rows.Add(row);
        }
        return rows;
    }

    private static void Write(string path, List<Dictionary<string, string>> rows)
    {
        var extra = rows.SelectMany(r => r.Keys).Where(k => !FixedColumns.Contains(k)).Distinct().Order(StringComparer.Ordinal);
        string[] columns = [.. FixedColumns, .. extra.Where(k => k.StartsWith("params.", StringComparison.Ordinal)),
            .. extra.Where(k => !k.StartsWith("params.", StringComparison.Ordinal))];
        var temporary = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        using (var writer = new StreamWriter(temporary))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }))
        {
            foreach (var column in columns) csv.WriteField(column);
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var column in columns) csv.WriteField(row.GetValueOrDefault(column, ""));
                csv.NextRecord();
            }
        }
        File.Move(temporary, path, overwrite: true);
    }

    private static string Iso(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Number(double value) => value switch
    {
        double.PositiveInfinity => "Infinity",
        double.NegativeInfinity => "-Infinity",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
