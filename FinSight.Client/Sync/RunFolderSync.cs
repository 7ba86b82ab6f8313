using System.Globalization;
using System.Text.Json;
using FinSight.Client.Http;
using FinSight.Client.RunFolders;
using FinSight.Core.Contracts;
using FinSight.Core.Tracking;

namespace FinSight.Client.Sync;

/// <summary>
/// Uploads runs logged offline (by <see cref="Tracking.SimpleExperimentTracker"/>, or spilled by
/// <see cref="Tracking.FinSightTracker"/>) to a FinSight server over <c>/api/v1</c>, keeping every point's step and
/// timestamp and the run's end status and time. Idempotent, even after a crash mid-sync:
/// <list type="bullet">
/// <item>points go in chunks of <see cref="ChunkPoints"/> in file order, each with the batch id
/// <c>sync-&lt;local run id&gt;-&lt;chunk index&gt;</c>; the server stores a batch id once per run;</item>
/// <item>the server run carries the tag <see cref="SourceRunTag"/> = local run id, and the folder gets a
/// <c>.finsight-sync.json</c> marker once the server run exists, so a second sync (even one that lost the marker)
/// continues that run instead of creating another.</item>
/// </list>
/// </summary>
public sealed class RunFolderSync : IDisposable
{
    /// <summary>The tag linking a server run to the local run it was uploaded from.</summary>
    public const string SourceRunTag = "finsight.source_run_id";

    /// <summary>Points per uploaded batch. Fixed: batch ids name chunks, so a resumed sync must cut the same chunks.</summary>
    public const int ChunkPoints = 1000;

    private readonly FinSightHttpApi _api;
    private readonly string? _experiment;
    private readonly bool _includeUnfinished;

    /// <summary>Creates an uploader.</summary>
    /// <param name="options">The server address, API key and (tests) HTTP handler; other settings are not used.</param>
    /// <param name="experiment">Uploads into this experiment instead of the one each folder names.</param>
    /// <param name="includeUnfinished">Also uploads runs still RUNNING in their folder (their process died), ending them as KILLED.</param>
    public RunFolderSync(FinSightClientOptions options, string? experiment = null, bool includeUnfinished = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ServerUrl is not { IsAbsoluteUri: true }) throw new ArgumentException("The server URL is required, e.g. http://localhost:5000.", nameof(options));
        _api = new FinSightHttpApi(options);
        _experiment = string.IsNullOrWhiteSpace(experiment) ? null : experiment;
        _includeUnfinished = includeUnfinished;
    }

    /// <summary>
    /// Syncs every run folder under <paramref name="folder"/> (or <paramref name="folder"/> itself when it is a run folder).
    /// A failure of one run is reported in its result and does not stop the others.
    /// </summary>
    /// <param name="folder">A root written by the simple tracker, or one run folder.</param>
    /// <param name="progress">Told of each run's result as it is done.</param>
    /// <param name="ct">Cancels the sync; syncing again resumes it.</param>
    /// <exception cref="DirectoryNotFoundException"><paramref name="folder"/> does not exist.</exception>
    public async Task<IReadOnlyList<RunSyncResult>> SyncAsync(string folder, IProgress<RunSyncResult>? progress = null, CancellationToken ct = default)
    {
        var results = new List<RunSyncResult>();
        foreach (var runFolder in RunFolderReader.FindRunFolders(folder))
        {
            RunSyncResult result;
            try
            {
                result = await SyncRunAsync(runFolder, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is FinSightApiException or InvalidDataException or IOException or HttpRequestException or JsonException)
            {
                result = new RunSyncResult(runFolder, "", null, RunSyncOutcome.Failed, 0, 0, 0, e.Message);
            }
            results.Add(result);
            progress?.Report(result);
        }
        return results;
    }

    /// <summary>Syncs one run folder.</summary>
    public async Task<RunSyncResult> SyncRunAsync(string runFolder, CancellationToken ct = default)
    {
        var run = RunFolderReader.Open(runFolder);
        var config = run.Config;
        var ended = RunStatusNames.TryParse(config.Status, out var status) && status.IsTerminal();
        if (!ended && !_includeUnfinished)
        {
            return Result(RunSyncOutcome.Skipped, null, 0, 0, 0,
                $"the run is still {config.Status} in its folder (running, or its process died); sync it after it ends, or include unfinished runs to upload it as KILLED");
        }
        var marker = ReadMarker(runFolder);
        if (marker is { Completed: true }) return Result(RunSyncOutcome.AlreadySynced, marker.RunId, 0, 0, 0, null);

        var experimentId = marker?.ExperimentId ?? await _api.GetOrCreateExperimentAsync(_experiment ?? config.Experiment, ct).ConfigureAwait(false);
        var serverRunId = marker?.RunId ?? config.ServerRunId;
        if (serverRunId is null)
        {
            var existing = await _api.FindRunsByTagAsync(experimentId, SourceRunTag, config.RunId, ct).ConfigureAwait(false);
            if (existing.Count > 0 && existing[0].Status != "RUNNING")
            {
                // Uploaded and ended by an earlier sync whose marker was lost.
                WriteMarker(runFolder, experimentId, existing[0].RunId, completed: true);
                return Result(RunSyncOutcome.AlreadySynced, existing[0].RunId, 0, 0, 0, null);
            }
            serverRunId = existing.Count > 0 ? existing[0].RunId : await StartServerRunAsync(experimentId, config, ct).ConfigureAwait(false);
        }
        WriteMarker(runFolder, experimentId, serverRunId, completed: false);

        // Params, then tags (the source tag again, for a run a spilling client created).
        var tags = config.Tags.Select(t => new KeyValueEntry(t.Key, t.Value)).Append(new KeyValueEntry(SourceRunTag, config.RunId)).ToList();
        await _api.LogBatchAsync(serverRunId, new LogBatchRequest { Params = ToEntries(config.Params), Tags = tags }, ct).ConfigureAwait(false);

        var points = run.ReadMetrics();
        foreach (var batch in Batches(config.RunId, points)) await _api.LogBatchAsync(serverRunId, batch, ct).ConfigureAwait(false);

        var artifacts = run.Artifacts();
        foreach (var (file, path) in artifacts) await _api.PutArtifactAsync(serverRunId, file, path, ct).ConfigureAwait(false);

        var endTime = config.EndTime ?? (points.Count > 0 ? points.Max(p => p.Timestamp) : config.StartTime);
        await _api.EndRunAsync(serverRunId, new EndRunRequest { Status = (ended ? status : RunStatus.Killed).ToWire(), EndTime = endTime }, ct)
            .ConfigureAwait(false);
        WriteMarker(runFolder, experimentId, serverRunId, completed: true);
        return Result(RunSyncOutcome.Uploaded, serverRunId, points.Count, config.Params.Count, artifacts.Count, null);

        RunSyncResult Result(RunSyncOutcome outcome, string? serverRun, long sentPoints, int sentParams, int sentArtifacts, string? message) =>
            new(run.Folder, config.RunId, serverRun, outcome, sentPoints, sentParams, sentArtifacts, message);
    }

    /// <summary>Releases the HTTP connection.</summary>
    public void Dispose() => _api.Dispose();

    private async Task<string> StartServerRunAsync(string experimentId, RunConfig config, CancellationToken ct)
    {
        var started = await _api.StartRunAsync(new StartRunRequest
        {
            ExperimentId = experimentId,
            RunName = config.RunName,
            StartTime = config.StartTime,
            Tags = [new KeyValueEntry(SourceRunTag, config.RunId)],
        }, ct).ConfigureAwait(false);
        return started.RunId;
    }

    /// <summary>
    /// The points as batches, cut the same way every time: points a spilling client had already sent keep their batch
    /// (and its id); the others go in chunks of <see cref="ChunkPoints"/> named by the local run id and a counter.
    /// </summary>
    internal static IEnumerable<LogBatchRequest> Batches(string localRunId, IReadOnlyList<MetricRecord> points)
    {
        var chunk = 0;
        for (var start = 0; start < points.Count;)
        {
            var batchId = points[start].BatchId;
            var end = start + 1;
            while (end < points.Count && points[end].BatchId == batchId && (batchId is not null || end - start < ChunkPoints)) end++;
            yield return new LogBatchRequest
            {
                BatchId = batchId ?? string.Create(CultureInfo.InvariantCulture, $"sync-{localRunId}-{chunk++}"),
                Metrics = [.. points.Skip(start).Take(end - start)
                    .Select(p => new MetricPointInput { Key = p.Key, Value = p.Value, Step = p.Step, Timestamp = p.Timestamp })],
            };
            start = end;
        }
    }

    private SyncMarker? ReadMarker(string runFolder)
    {
        var path = Path.Combine(runFolder, RunFolderLayout.SyncMarkerFile);
        if (!File.Exists(path)) return null;
        var marker = RunFolderJson.Read<SyncMarker>(path);
        // A marker for another server says nothing about this one.
        return marker.Server == _api.BaseAddress.ToString() ? marker : null;
    }

    private void WriteMarker(string runFolder, string experimentId, string runId, bool completed) =>
        RunFolderJson.WriteAtomically(Path.Combine(runFolder, RunFolderLayout.SyncMarkerFile),
            new SyncMarker { Server = _api.BaseAddress.ToString(), ExperimentId = experimentId, RunId = runId, Completed = completed });

    private static List<KeyValueEntry> ToEntries(IEnumerable<KeyValuePair<string, string>> values) =>
        [.. values.Select(v => new KeyValueEntry(v.Key, v.Value))];
}
