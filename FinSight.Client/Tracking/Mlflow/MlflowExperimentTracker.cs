using System.Text.Json.Nodes;
using FinSight.Client.RunFolders;
using FinSight.Core.Tracking;

namespace FinSight.Client.Tracking.Mlflow;

/// <summary>
/// Logs to any MLflow tracking server through MLflow's REST API (FinSight's own <c>/api/2.0/mlflow</c> included):
/// <c>experiments/get-by-name</c> (creating the experiment when MLflow answers RESOURCE_DOES_NOT_EXIST),
/// <c>runs/create</c>, <c>runs/log-batch</c> within MLflow's limits, <c>runs/update</c>, and artifacts through the
/// server's artifact proxy when the run's artifact URI is <c>mlflow-artifacts:/…</c>.
/// </summary>
public sealed class MlflowExperimentTracker : IExperimentTracker
{
    private const string ArtifactScheme = "mlflow-artifacts:";

    private readonly MlflowRestClient _mlflow;
    private readonly TimeProvider _timeProvider;
    private readonly ActiveRun<MlflowRun> _state = new();
    private string? _experimentId;

    /// <summary>Creates a tracker; nothing is sent until an experiment starts.</summary>
    /// <exception cref="ArgumentException">The tracking URI is missing.</exception>
    public MlflowExperimentTracker(MlflowTrackerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _mlflow = new MlflowRestClient(options);
        _timeProvider = options.TimeProvider;
    }

    /// <inheritdoc />
    public string? ActiveRunId => _state.Run?.RunId;

    /// <summary>The current experiment's MLflow id; null before <see cref="StartExperimentAsync"/>.</summary>
    public string? ExperimentId => _experimentId;

    /// <inheritdoc />
    /// <exception cref="MlflowApiException">The server refused the lookup or the creation.</exception>
    public async Task StartExperimentAsync(string name, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        try
        {
            var found = await _mlflow.GetAsync("experiments/get-by-name", "experiment_name=" + Uri.EscapeDataString(name), ct).ConfigureAwait(false);
            _experimentId = found["experiment"]!["experiment_id"]!.GetValue<string>();
        }
        catch (MlflowApiException e) when (e.ErrorCode == "RESOURCE_DOES_NOT_EXIST")
        {
            var created = await _mlflow.PostAsync("experiments/create", new { name }, ct).ConfigureAwait(false);
            _experimentId = created["experiment_id"]!.GetValue<string>();
        }
        _state.SetExperiment(name);
    }

    /// <inheritdoc />
    public async Task<string> StartRunAsync(string? runName = null, IReadOnlyDictionary<string, string>? parameters = null,
        IReadOnlyDictionary<string, string>? tags = null, CancellationToken ct = default)
    {
        _state.RequireCanStart();
        var runTags = (tags ?? new Dictionary<string, string>()).Select(t => new MlflowKeyValue(t.Key, t.Value)).ToList();
        if (runName is not null) runTags.Add(new MlflowKeyValue("mlflow.runName", runName));
        var created = await _mlflow.PostAsync("runs/create", new
        {
            experiment_id = _experimentId,
            run_name = runName,
            start_time = Now(),
            tags = runTags,
        }, ct).ConfigureAwait(false);
        var info = created["run"]!["info"]!;
        var run = new MlflowRun(info["run_id"]!.GetValue<string>(), info["artifact_uri"]?.GetValue<string>());
        _state.Started(run);
        if (parameters is { Count: > 0 }) await LogParamsAsync(parameters, ct).ConfigureAwait(false);
        return run.RunId;
    }

    /// <inheritdoc />
    public Task LogParamsAsync(IReadOnlyDictionary<string, string> parameters, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return LogBatchAsync([], [.. parameters.Select(p => new MlflowKeyValue(p.Key, p.Value))], [], ct);
    }

    /// <inheritdoc />
    public Task SetTagsAsync(IReadOnlyDictionary<string, string> tags, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return LogBatchAsync([], [], [.. tags.Select(t => new MlflowKeyValue(t.Key, t.Value))], ct);
    }

    /// <inheritdoc />
    public Task LogMetricsAsync(IReadOnlyDictionary<string, double> metrics, long step, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var now = Now();
        return LogBatchAsync([.. metrics.Select(m => new MlflowMetric(m.Key, m.Value, now, step))], [], [], ct);
    }

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">The run's artifact URI is not served by the tracking server (e.g. s3:// or a local path).</exception>
    public async Task LogArtifactAsync(string localPath, string? artifactPath = null, CancellationToken ct = default)
    {
        var run = _state.Require();
        if (run.ArtifactUri is not { } uri || !uri.StartsWith(ArtifactScheme, StringComparison.Ordinal))
        {
            throw new NotSupportedException(
                $"Run {run.RunId} stores artifacts at '{run.ArtifactUri}', which this tracker cannot write; it uploads only through the server's artifact proxy (mlflow-artifacts:/…).");
        }
        // mlflow-artifacts:/<path> or mlflow-artifacts://host:port/<path>: the proxy path is what follows the authority.
        var root = new Uri(uri).AbsolutePath.Trim('/');
        foreach (var (file, path) in ArtifactFiles.Enumerate(localPath, artifactPath))
        {
            await _mlflow.PutArtifactAsync(root + "/" + path, file, ct).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task EndRunAsync(RunStatus status = RunStatus.Finished, CancellationToken ct = default)
    {
        if (!status.IsTerminal()) throw new ArgumentException($"A run ends as FINISHED, FAILED or KILLED, not {status.ToWire()}.", nameof(status));
        var run = _state.Require();
        await _mlflow.PostAsync("runs/update", new { run_id = run.RunId, status = status.ToWire(), end_time = Now() }, ct).ConfigureAwait(false);
        _state.Take();
    }

    /// <summary>Ends the active run as FINISHED, if any.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_state.Run is not null) await EndRunAsync().ConfigureAwait(false);
        }
        finally
        {
            _mlflow.Dispose();
        }
    }

    private async Task LogBatchAsync(IReadOnlyList<MlflowMetric> metrics, IReadOnlyList<MlflowKeyValue> parameters, IReadOnlyList<MlflowKeyValue> tags, CancellationToken ct)
    {
        var run = _state.Require();
        foreach (var (ms, ps, ts) in MlflowBatches.Split(metrics, parameters, tags))
        {
            await _mlflow.PostAsync("runs/log-batch", new { run_id = run.RunId, metrics = ms, @params = ps, tags = ts }, ct).ConfigureAwait(false);
        }
    }

    private long Now() => _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private sealed record MlflowRun(string RunId, string? ArtifactUri);

    private sealed record MlflowKeyValue(string Key, string Value);

    private sealed record MlflowMetric(string Key, double Value, long Timestamp, long Step);
}
