using System.Globalization;
using System.Text;
using System.Text.Json;
using FinSight.Core.Tracking;

namespace FinSight.Client.RunFolders;

/// <summary>
/// Writes one run in the seed's layout. Crash-safe: <c>config.json</c> is replaced atomically, and
/// <c>metrics.json</c> and <c>training_log.txt</c> are append-only and handed to the operating system after
/// every call, so a process killed mid-run leaves every file readable (at worst a torn last metrics line,
/// which <see cref="RunFolderReader"/> ignores).
/// </summary>
public sealed class RunFolderWriter : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly RunConfig _config;
    private readonly FileStream _metrics;
    private readonly StreamWriter _log;
    private readonly SortedDictionary<string, double> _latest = new(StringComparer.Ordinal);
    private bool _ended;

    private RunFolderWriter(string folder, RunConfig config, TimeProvider timeProvider)
    {
        Folder = folder;
        _config = config;
        _timeProvider = timeProvider;
        _metrics = new FileStream(Path.Combine(folder, RunFolderLayout.MetricsFile), FileMode.Append, FileAccess.Write, FileShare.Read);
        _log = new StreamWriter(new FileStream(Path.Combine(folder, RunFolderLayout.LogFile), FileMode.Append, FileAccess.Write, FileShare.Read),
            new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>The run's folder.</summary>
    public string Folder { get; }

    /// <summary>The root holding the run folders and <c>summary.csv</c>.</summary>
    public string Root => Path.GetDirectoryName(Folder)!;

    /// <summary>The run's local id.</summary>
    public string RunId => _config.RunId;

    /// <summary>Creates <c>&lt;root&gt;/&lt;runId&gt;_&lt;timestamp&gt;</c> with its <c>config.json</c> and empty metrics and log files.</summary>
    public static RunFolderWriter Create(string root, RunConfig config, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(config);
        var folder = Path.Combine(Path.GetFullPath(root), RunFolderLayout.FolderName(config.RunId, config.StartTime));
        Directory.CreateDirectory(folder);
        RunFolderJson.WriteAtomically(Path.Combine(folder, RunFolderLayout.ConfigFile), config);
        var writer = new RunFolderWriter(folder, config, timeProvider);
        writer.Log($"run {config.RunId} started in experiment '{config.Experiment}'" + (config.RunName is null ? "" : $" as '{config.RunName}'"));
        if (config.Params.Count > 0) writer.Log("params " + Pairs(config.Params));
        return writer;
    }

    /// <summary>Adds params; a key already logged with another value is refused, as the server refuses it.</summary>
    /// <exception cref="ArgumentException">A param is logged again with a different value.</exception>
    public void LogParams(IReadOnlyDictionary<string, string> parameters)
    {
        lock (_gate)
        {
            ThrowIfEnded();
            foreach (var (key, value) in parameters)
            {
                if (_config.Params.TryGetValue(key, out var logged) && logged != value)
                    throw new ArgumentException($"Param '{key}' was logged as '{logged}'; a param keeps its first value and cannot be changed to '{value}'.");
            }
            foreach (var (key, value) in parameters) _config.Params[key] = value;
            SaveConfig();
            Log("params " + Pairs(parameters));
        }
    }

    /// <summary>Sets tags (the last value wins).</summary>
    public void SetTags(IReadOnlyDictionary<string, string> tags)
    {
        lock (_gate)
        {
            ThrowIfEnded();
            foreach (var (key, value) in tags) _config.Tags[key] = value;
            SaveConfig();
            Log("tags " + Pairs(tags));
        }
    }

    /// <summary>Appends points at one step, timestamped now.</summary>
    public void LogMetrics(IReadOnlyDictionary<string, double> metrics, long step) =>
        Append([.. metrics.Select(m => new MetricRecord(m.Key, m.Value, step, Now()))]);

    /// <summary>Appends points as given (their own steps and timestamps).</summary>
    public void Append(IReadOnlyList<MetricRecord> points)
    {
        if (points.Count == 0) return;
        lock (_gate)
        {
            ThrowIfEnded();
            var buffer = new MemoryStream();
            foreach (var point in points)
            {
                JsonSerializer.Serialize(buffer, point, RunFolderJson.Line);
                buffer.WriteByte((byte)'\n');
                _latest[point.Key] = point.Value;
            }
            _metrics.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
            _metrics.Flush();
            foreach (var step in points.GroupBy(p => p.Step))
            {
                Log($"step {step.Key.ToString(CultureInfo.InvariantCulture)} " +
                    string.Join(' ', step.Select(p => p.Key + "=" + p.Value.ToString("R", CultureInfo.InvariantCulture))));
            }
        }
    }

    /// <summary>Copies a file (or a folder's files, keeping relative paths) into the run folder under <paramref name="artifactPath"/>.</summary>
    /// <exception cref="ArgumentException">The path leaves the run folder or names one of the layout's own files.</exception>
    public void CopyArtifact(string localPath, string? artifactPath)
    {
        lock (_gate)
        {
            ThrowIfEnded();
            foreach (var (source, relative) in ArtifactFiles.Enumerate(localPath, artifactPath))
            {
                if (RunFolderLayout.IsReserved(relative))
                    throw new ArgumentException($"artifactPath '{relative}' is a file of the run folder's own layout; choose another name.", nameof(artifactPath));
                var target = Path.Combine(Folder, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(source, target, overwrite: true);
                Log($"artifact {relative}");
            }
        }
    }

    /// <summary>Marks the run ended in <c>config.json</c> and updates the root's <c>summary.csv</c>.</summary>
    public void End(RunStatus status)
    {
        lock (_gate)
        {
            ThrowIfEnded();
            _ended = true;
            _config.Status = status.ToWire();
            _config.EndTime = Now();
            SaveConfig();
            Log($"run ended {_config.Status}");
            RunSummaryCsv.Upsert(Root, Path.GetFileName(Folder), _config, _latest);
        }
    }

    /// <summary>Closes the files; a run not ended stays RUNNING in <c>config.json</c>.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _metrics.Dispose();
            _log.Dispose();
        }
    }

    private void SaveConfig() => RunFolderJson.WriteAtomically(Path.Combine(Folder, RunFolderLayout.ConfigFile), _config);

    private void Log(string line)
    {
        _log.Write(DateTimeOffset.FromUnixTimeMilliseconds(Now()).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        _log.Write(' ');
        _log.Write(line);
        _log.Write('\n');
        _log.Flush();
    }

    private void ThrowIfEnded()
    {
        if (_ended) throw new InvalidOperationException($"Run {_config.RunId} has ended; nothing more can be logged to it.");
    }

    private long Now() => _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private static string Pairs(IEnumerable<KeyValuePair<string, string>> values) => string.Join(' ', values.Select(p => p.Key + "=" + p.Value));
}
