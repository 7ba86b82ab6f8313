using System.Text.Json;

namespace FinSight.Client.RunFolders;

/// <summary>Reads a run folder written in the seed's layout.</summary>
public sealed class RunFolderReader
{
    private RunFolderReader(string folder, RunConfig config)
    {
        Folder = folder;
        Config = config;
    }

    /// <summary>The run's folder.</summary>
    public string Folder { get; }

    /// <summary>The content of <c>config.json</c>.</summary>
    public RunConfig Config { get; }

    /// <summary>True when <paramref name="folder"/> holds a <c>config.json</c>.</summary>
    public static bool IsRunFolder(string folder) => File.Exists(Path.Combine(folder, RunFolderLayout.ConfigFile));

    /// <summary>The run folders directly under <paramref name="root"/>, or <paramref name="root"/> itself when it is one.</summary>
    public static IReadOnlyList<string> FindRunFolders(string root)
    {
        if (IsRunFolder(root)) return [Path.GetFullPath(root)];
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"No folder at '{root}'.");
        return [.. Directory.EnumerateDirectories(root).Where(IsRunFolder).Select(Path.GetFullPath).Order(StringComparer.Ordinal)];
    }

    /// <summary>Opens a run folder.</summary>
    /// <exception cref="InvalidDataException"><c>config.json</c> is not a run's config; the message names the file.</exception>
    public static RunFolderReader Open(string folder)
    {
        var path = Path.Combine(folder, RunFolderLayout.ConfigFile);
        RunConfig config;
        try
        {
            config = RunFolderJson.Read<RunConfig>(path);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message}", e);
        }
        if (config.RunId.Length != 32 || !config.RunId.All(char.IsAsciiHexDigitLower))
            throw new InvalidDataException($"{path}: runId must be 32 lowercase hex characters; it is '{config.RunId}'.");
        if (string.IsNullOrWhiteSpace(config.Experiment))
            throw new InvalidDataException($"{path}: experiment is required.");
        return new RunFolderReader(Path.GetFullPath(folder), config);
    }

    /// <summary>
    /// Every point of <c>metrics.json</c>, in the order logged. A torn last line (the process was killed while
    /// writing it) is skipped; a bad line anywhere else is an error naming the line.
    /// </summary>
    public List<MetricRecord> ReadMetrics()
    {
        var path = Path.Combine(Folder, RunFolderLayout.MetricsFile);
        var points = new List<MetricRecord>();
        if (!File.Exists(path)) return points;
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            try
            {
                points.Add(JsonSerializer.Deserialize<MetricRecord>(lines[i], RunFolderJson.Line)
                    ?? throw new JsonException("null"));
            }
            catch (JsonException) when (i == lines.Length - 1)
            {
                // The process died mid-line: everything before it is whole.
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path} line {i + 1} is not a metric point {{key, value, step, timestamp}}: {e.Message}", e);
            }
        }
        return points;
    }

    /// <summary>The artifact files: every file of the folder except the layout's own, as (local file, artifact path).</summary>
    public IReadOnlyList<(string LocalFile, string ArtifactPath)> Artifacts() =>
        [.. Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories)
            .Select(file => (file, Path.GetRelativePath(Folder, file).Replace(Path.DirectorySeparatorChar, '/')))
            .Where(a => !RunFolderLayout.IsReserved(a.Item2))
            .OrderBy(a => a.Item2, StringComparer.Ordinal)];
}
