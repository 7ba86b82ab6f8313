using FinSight.Core.Tracking;

namespace FinSight.Client.Tracking;

/// <summary>
/// Logs to several trackers at once (e.g. FinSight and a local copy). Every call goes to every tracker, in order,
/// even when an earlier one fails; the failures are then thrown together as one <see cref="AggregateException"/>
/// whose inner exceptions say which tracker failed. Nothing is swallowed: a caller that prefers to carry on
/// catches it, and the trackers that succeeded have the data.
/// </summary>
public sealed class CompositeExperimentTracker : IExperimentTracker
{
    private readonly IReadOnlyList<IExperimentTracker> _trackers;

    /// <summary>Creates a composite that owns (and disposes) <paramref name="trackers"/>.</summary>
    /// <exception cref="ArgumentException">No trackers were given.</exception>
    public CompositeExperimentTracker(IEnumerable<IExperimentTracker> trackers)
    {
        ArgumentNullException.ThrowIfNull(trackers);
        _trackers = [.. trackers];
        if (_trackers.Count == 0) throw new ArgumentException("A composite tracker needs at least one tracker.", nameof(trackers));
    }

    /// <summary>The trackers, in the order calls reach them.</summary>
    public IReadOnlyList<IExperimentTracker> Trackers => _trackers;

    /// <summary>The first tracker's active run id (each tracker has its own ids; see <see cref="Trackers"/>).</summary>
    public string? ActiveRunId => _trackers[0].ActiveRunId;

    /// <inheritdoc />
    public Task StartExperimentAsync(string name, CancellationToken ct = default) => ForEachAsync(t => t.StartExperimentAsync(name, ct));

    /// <inheritdoc />
    public async Task<string> StartRunAsync(string? runName = null, IReadOnlyDictionary<string, string>? parameters = null,
        IReadOnlyDictionary<string, string>? tags = null, CancellationToken ct = default)
    {
        await ForEachAsync(t => t.StartRunAsync(runName, parameters, tags, ct)).ConfigureAwait(false);
        return ActiveRunId!;
    }

    /// <inheritdoc />
    public Task LogParamsAsync(IReadOnlyDictionary<string, string> parameters, CancellationToken ct = default) =>
        ForEachAsync(t => t.LogParamsAsync(parameters, ct));

    /// <inheritdoc />
    public Task SetTagsAsync(IReadOnlyDictionary<string, string> tags, CancellationToken ct = default) => ForEachAsync(t => t.SetTagsAsync(tags, ct));

    /// <inheritdoc />
    public Task LogMetricsAsync(IReadOnlyDictionary<string, double> metrics, long step, CancellationToken ct = default) =>
        ForEachAsync(t => t.LogMetricsAsync(metrics, step, ct));

    /// <inheritdoc />
    public Task LogArtifactAsync(string localPath, string? artifactPath = null, CancellationToken ct = default) =>
        ForEachAsync(t => t.LogArtifactAsync(localPath, artifactPath, ct));

    /// <inheritdoc />
    public Task EndRunAsync(RunStatus status = RunStatus.Finished, CancellationToken ct = default) => ForEachAsync(t => t.EndRunAsync(status, ct));

    /// <summary>Disposes every tracker; failures are thrown together afterwards.</summary>
    public async ValueTask DisposeAsync() => await ForEachAsync(t => t.DisposeAsync().AsTask()).ConfigureAwait(false);

    private async Task ForEachAsync(Func<IExperimentTracker, Task> call)
    {
        List<Exception>? failures = null;
        foreach (var tracker in _trackers)
        {
            try
            {
                await call(tracker).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                (failures ??= []).Add(new TrackerFailedException(tracker, e));
            }
        }
        if (failures is not null) throw new AggregateException($"{failures.Count} of {_trackers.Count} trackers failed: " +
            string.Join("; ", failures.Select(f => f.Message)), failures);
    }
}
