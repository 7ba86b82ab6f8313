using FinSight.Client.RunFolders;
using FinSight.Core.Tracking;

namespace FinSight.Client.Tracking;

/// <summary>
/// The default tracker: logs to a FinSight server through <see cref="FinSightClient"/> (SignalR, batched, resent after
/// reconnects). With <see cref="FinSightClientOptions.SpillDirectory"/> set, a run whose server cannot be reached within
/// <see cref="FinSightClientOptions.SpillAfter"/> is written to that folder in the simple tracker's layout instead, and
/// the spill is announced through <see cref="FinSightClientOptions.Spilled"/>; <c>finsight sync</c> uploads it later.
/// </summary>
public sealed class FinSightTracker : IExperimentTracker
{
    private readonly FinSightClient _client;
    private readonly FinSightClientOptions _options;
    private readonly ActiveRun<TrackedRun> _state = new();

    /// <summary>Creates a tracker with its own client.</summary>
    /// <exception cref="ArgumentException">A setting is missing or out of range; the message names it.</exception>
    public FinSightTracker(FinSightClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = new FinSightClient(options);
        _options = options.Clone();
    }

    /// <inheritdoc />
    public string? ActiveRunId => _state.Run?.RunId;

    /// <summary>The folder the active run is spilled to (from its start, or since the server stopped answering); null while it logs to the server.</summary>
    public string? SpillFolder => _state.Run?.Spill?.Folder ?? _state.Run?.Remote?.SpillFolder;

    /// <inheritdoc />
    public Task StartExperimentAsync(string name, CancellationToken ct = default)
    {
        // The server creates the experiment with the first run (GetOrCreateExperiment), so a spilled run needs no server here.
        _state.SetExperiment(name);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<string> StartRunAsync(string? runName = null, IReadOnlyDictionary<string, string>? parameters = null,
        IReadOnlyDictionary<string, string>? tags = null, CancellationToken ct = default)
    {
        var experiment = _state.RequireCanStart();
        if (_options.SpillDirectory is null)
        {
            _state.Started(new TrackedRun(await _client.StartRunAsync(experiment, runName, parameters, tags, ct).ConfigureAwait(false)));
            return _state.Require().RunId;
        }
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
        patience.CancelAfter(_options.SpillAfter);
        try
        {
            _state.Started(new TrackedRun(await _client.StartRunAsync(experiment, runName, parameters, tags, patience.Token).ConfigureAwait(false)));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            _state.Started(new TrackedRun(Spill(experiment, runName, parameters, tags)));
        }
        return _state.Require().RunId;
    }

    /// <inheritdoc />
    public Task LogParamsAsync(IReadOnlyDictionary<string, string> parameters, CancellationToken ct = default)
    {
        var run = _state.Require();
        if (run.Remote is { } remote) return remote.LogParamsAsync(parameters, ct);
        run.Spill!.LogParams(parameters);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task SetTagsAsync(IReadOnlyDictionary<string, string> tags, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var run = _state.Require();
        if (run.Remote is { } remote)
        {
            foreach (var (key, value) in tags) await remote.SetTagAsync(key, value, ct).ConfigureAwait(false);
            return;
        }
        run.Spill!.SetTags(tags);
    }

    /// <inheritdoc />
    public Task LogMetricsAsync(IReadOnlyDictionary<string, double> metrics, long step, CancellationToken ct = default)
    {
        var run = _state.Require();
        if (run.Remote is { } remote) remote.LogMetrics(metrics, step);
        else run.Spill!.LogMetrics(metrics, step);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task LogArtifactAsync(string localPath, string? artifactPath = null, CancellationToken ct = default)
    {
        var run = _state.Require();
        if (run.Remote is { } remote) await remote.LogArtifactAsync(localPath, artifactPath, ct).ConfigureAwait(false);
        else run.Spill!.CopyArtifact(localPath, artifactPath);
    }

    /// <inheritdoc />
    public async Task EndRunAsync(RunStatus status = RunStatus.Finished, CancellationToken ct = default)
    {
        if (!status.IsTerminal()) throw new ArgumentException($"A run ends as FINISHED, FAILED or KILLED, not {status.ToWire()}.", nameof(status));
        var run = _state.Require();
        _state.Take();
        if (run.Remote is { } remote)
        {
            try
            {
                await remote.EndAsync(status, ct).ConfigureAwait(false);
            }
            finally
            {
                await remote.DisposeAsync().ConfigureAwait(false);
            }
            return;
        }
        using var spill = run.Spill!;
        spill.End(status);
    }

    /// <summary>Ends the active run as FINISHED, if any, and closes the client.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_state.Run is not null) await EndRunAsync().ConfigureAwait(false);
        }
        finally
        {
            await _client.DisposeAsync().ConfigureAwait(false);
        }
    }

    private RunFolderWriter Spill(string experiment, string? runName, IReadOnlyDictionary<string, string>? parameters, IReadOnlyDictionary<string, string>? tags)
    {
        var config = RunConfig.Start(experiment, runName, parameters, tags, _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        var writer = RunFolderWriter.Create(_options.SpillDirectory!, config, _options.TimeProvider);
        var message = $"FinSight: the server at {_options.ServerUrl} did not answer within {_options.SpillAfter}; run {config.RunId} is logged to " +
            $"{writer.Folder} instead. Upload it later with: finsight sync {writer.Root}";
        if (_options.Spilled is { } spilled) spilled(message);
        else Console.Error.WriteLine(message);
        return writer;
    }

    /// <summary>A run that logs to the server, or to a spill folder.</summary>
    private sealed class TrackedRun
    {
        public TrackedRun(FinSightRun remote) => Remote = remote;

        public TrackedRun(RunFolderWriter spill) => Spill = spill;

        public FinSightRun? Remote { get; }

        public RunFolderWriter? Spill { get; }

        public string RunId => Remote?.RunId ?? Spill!.RunId;
    }
}
