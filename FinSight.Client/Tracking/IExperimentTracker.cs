using FinSight.Core.Tracking;

namespace FinSight.Client.Tracking;

/// <summary>
/// The seed's tracker interface: one experiment and one active run at a time, so training code can log
/// through whichever backend <see cref="ExperimentTrackerFactory"/> was configured with.
/// </summary>
/// <example>
/// <code>
/// await using var tracker = ExperimentTrackerFactory.Create(TrackerType.Simple, new TrackerOptions { SimpleRoot = "experiments" });
/// await tracker.StartExperimentAsync("price-forecast");
/// await tracker.StartRunAsync("lstm", new Dictionary&lt;string, string&gt; { ["lr"] = "0.001" });
/// await tracker.LogMetricsAsync(new Dictionary&lt;string, double&gt; { ["loss"] = 0.42 }, step: 1);
/// await tracker.LogArtifactAsync("model.onnx");
/// await tracker.EndRunAsync();
/// </code>
/// </example>
public interface IExperimentTracker : IAsyncDisposable
{
    /// <summary>The active run's id (the server's, or the local one for the simple tracker); null when no run is active.</summary>
    string? ActiveRunId { get; }

    /// <summary>Chooses the experiment later runs start in, creating it where the backend needs it.</summary>
    /// <param name="name">The experiment's name.</param>
    /// <param name="ct">Cancels the call.</param>
    Task StartExperimentAsync(string name, CancellationToken ct = default);

    /// <summary>Starts a run in the current experiment and makes it the active run.</summary>
    /// <param name="runName">A display name; the backend chooses one when null.</param>
    /// <param name="parameters">Params logged with the start.</param>
    /// <param name="tags">Tags set with the start.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The run's id.</returns>
    /// <exception cref="InvalidOperationException">No experiment was started, or a run is already active.</exception>
    Task<string> StartRunAsync(string? runName = null, IReadOnlyDictionary<string, string>? parameters = null,
        IReadOnlyDictionary<string, string>? tags = null, CancellationToken ct = default);

    /// <summary>Logs params of the active run; a param keeps its first value.</summary>
    Task LogParamsAsync(IReadOnlyDictionary<string, string> parameters, CancellationToken ct = default);

    /// <summary>Sets tags of the active run (the last value wins).</summary>
    Task SetTagsAsync(IReadOnlyDictionary<string, string> tags, CancellationToken ct = default);

    /// <summary>Logs metric values at one step, timestamped now; NaN and ±Infinity are allowed.</summary>
    Task LogMetricsAsync(IReadOnlyDictionary<string, double> metrics, long step, CancellationToken ct = default);

    /// <summary>Stores a file, or a folder's files keeping their relative paths, with the active run.</summary>
    /// <param name="localPath">The file or folder.</param>
    /// <param name="artifactPath">Where under the run's artifacts; the file's (or folder's) name when null.</param>
    /// <param name="ct">Cancels the upload.</param>
    Task LogArtifactAsync(string localPath, string? artifactPath = null, CancellationToken ct = default);

    /// <summary>Ends the active run (everything logged is stored first).</summary>
    /// <param name="status">FINISHED, FAILED or KILLED.</param>
    /// <param name="ct">Cancels the wait.</param>
    Task EndRunAsync(RunStatus status = RunStatus.Finished, CancellationToken ct = default);
}
