using System.Globalization;

namespace FinSight.Client.RunFolders;

/// <summary>
/// The seed's local layout, written by <see cref="Tracking.SimpleExperimentTracker"/> and by a spilling
/// <see cref="Tracking.FinSightTracker"/>, read by <see cref="Sync.RunFolderSync"/>:
/// <c>&lt;root&gt;/&lt;runId&gt;_&lt;yyyyMMdd_HHmmss&gt;/{config.json, metrics.json, training_log.txt, artifacts…}</c> and
/// <c>&lt;root&gt;/summary.csv</c>.
/// </summary>
public static class RunFolderLayout
{
    /// <summary>The run's identity, status, times, params and tags (one JSON document, replaced atomically).</summary>
    public const string ConfigFile = "config.json";

    /// <summary>Every metric point, one JSON object per line (JSON Lines), appended as logged.</summary>
    public const string MetricsFile = "metrics.json";

    /// <summary>Human-readable lines: start, params, metrics per step, artifacts, end.</summary>
    public const string LogFile = "training_log.txt";

    /// <summary>One row per run under the root, rewritten when a run ends.</summary>
    public const string SummaryFile = "summary.csv";

    /// <summary>Written by <c>finsight sync</c>: which server run this folder was uploaded to.</summary>
    public const string SyncMarkerFile = ".finsight-sync.json";

    /// <summary>The folder name of a run: its id and its start time (UTC), as the seed names experiment folders.</summary>
    public static string FolderName(string runId, long startTime) =>
        runId + "_" + DateTimeOffset.FromUnixTimeMilliseconds(startTime).UtcDateTime.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture);

    /// <summary>True for the files the layout itself owns; every other file in a run folder is an artifact.</summary>
    public static bool IsReserved(string relativePath) =>
        relativePath is ConfigFile or MetricsFile or LogFile or SyncMarkerFile
        || relativePath.EndsWith(".tmp", StringComparison.Ordinal);
}
