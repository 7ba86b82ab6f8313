using FinSight.Client.RunFolders;
using FinSight.Core.Tracking;

namespace FinSight.Client.Tracking;

/// <summary>
/// Logs to local files, no server needed, in the seed's layout (see <see cref="RunFolderLayout"/>):
/// <c>&lt;root&gt;/&lt;runId&gt;_&lt;timestamp&gt;/</c> with <c>config.json</c>, <c>metrics.json</c>, <c>training_log.txt</c>
/// and the run's artifacts, and <c>&lt;root&gt;/summary.csv</c>. Upload such a folder later with <c>finsight sync</c>.
/// </summary>
public sealed class SimpleExperimentTracker : IExperimentTracker
{
    private readonly string _root;
    private readonly TimeProvider _timeProvider;
    private readonly ActiveRun<RunFolderWriter> _state = new();

    /// <summary>Creates a tracker writing under <paramref name="root"/> (created when missing).</summary>
    /// <param name="root">The folder holding the run folders, e.g. <c>experiments</c>.</param>
    /// <param name="timeProvider">The clock for timestamps; the system clock when null.</param>
    public SimpleExperimentTracker(string root, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = Path.GetFullPath(root);
        _timeProvider = timeProvider ?? TimeProvider.System;
        Directory.CreateDirectory(_root);
    }

    /// <inheritdoc />
    public string? ActiveRunId => _state.Run?.RunId;

    /// <summary>The active run's folder; null when no run is active.</summary>
    public string? ActiveRunFolder => _state.Run?.Folder;

    /// <inheritdoc />
    public Task StartExperimentAsync(string name, CancellationToken ct = default)
    {
        _state.SetExperiment(name);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<string> StartRunAsync(string? runName = null, IReadOnlyDictionary<string, string>? parameters = null,
        IReadOnlyDictionary<string, string>? tags = null, CancellationToken ct = default)
    {
        var config = RunConfig.Start(_state.RequireCanStart(), runName, parameters, tags, _timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        _state.Started(RunFolderWriter.Create(_root, config, _timeProvider));
        return Task.FromResult(config.RunId);
    }

    /// <inheritdoc />
    public Task LogParamsAsync(IReadOnlyDictionary<string, string> parameters, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _state.Require().LogParams(parameters);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SetTagsAsync(IReadOnlyDictionary<string, string> tags, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tags);
        _state.Require().SetTags(tags);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task LogMetricsAsync(IReadOnlyDictionary<string, double> metrics, long step, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _state.Require().LogMetrics(metrics, step);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task LogArtifactAsync(string localPath, string? artifactPath = null, CancellationToken ct = default)
    {
        _state.Require().CopyArtifact(localPath, artifactPath);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task EndRunAsync(RunStatus status = RunStatus.Finished, CancellationToken ct = default)
    {
        if (!status.IsTerminal()) throw new ArgumentException($"A run ends as FINISHED, FAILED or KILLED, not {status.ToWire()}.", nameof(status));
        using var run = _state.Require();
        _state.Take();
        run.End(status);
        return Task.CompletedTask;
    }

    /// <summary>Ends the active run as FINISHED, if any.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_state.Run is not null) await EndRunAsync().ConfigureAwait(false);
    }
}
