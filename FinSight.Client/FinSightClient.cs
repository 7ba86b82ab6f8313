using FinSight.Client.Http;
using FinSight.Client.Ingest;
using FinSight.Core.Contracts;

namespace FinSight.Client;

/// <summary>
/// Logs training runs to a FinSight server over one SignalR connection, shared by every run the
/// client starts. The connection opens on first use and reconnects forever.
/// </summary>
/// <example>
/// <code>
/// await using var client = FinSightClient.FromEnvironment();
/// await using var run = await client.StartRunAsync("price-forecast", "lstm-baseline");
/// run.LogMetric("loss", 0.42, step: 1);
/// </code>
/// </example>
public sealed class FinSightClient : IAsyncDisposable
{
    /// <summary>Environment variable holding the server's address.</summary>
    public const string UrlVariable = "FINSIGHT_URL";

    /// <summary>Environment variable holding the API key (optional).</summary>
    public const string ApiKeyVariable = "FINSIGHT_API_KEY";

    private readonly FinSightClientOptions _options;
    private readonly IngestConnection _connection;
    private readonly Lazy<FinSightHttpApi> _http;
    private readonly Lock _gate = new();
    private readonly HashSet<FinSightRun> _runs = [];
    private bool _disposed;

    /// <summary>Creates a client; nothing is connected until the first run starts.</summary>
    /// <param name="options">Settings; copied, so later changes have no effect.</param>
    /// <exception cref="ArgumentException">A setting is missing or out of range; the message names it.</exception>
    public FinSightClient(FinSightClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
        _connection = new IngestConnection(_options);
        _http = new Lazy<FinSightHttpApi>(() => new FinSightHttpApi(_options));
    }

    /// <summary>
    /// Creates a client from <c>FINSIGHT_URL</c> and <c>FINSIGHT_API_KEY</c>, then lets
    /// <paramref name="configure"/> adjust the options.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>FINSIGHT_URL</c> is missing or not an absolute URL.</exception>
    public static FinSightClient FromEnvironment(Action<FinSightClientOptions>? configure = null)
    {
        var url = Environment.GetEnvironmentVariable(UrlVariable);
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new InvalidOperationException(
                $"The environment variable {UrlVariable} is not set: set it to the FinSight server's address, e.g. http://localhost:5000.");
        }
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var serverUrl) || serverUrl.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException(
                $"The environment variable {UrlVariable} must be an http or https address such as http://localhost:5000; it is '{url}'.");
        }
        var apiKey = Environment.GetEnvironmentVariable(ApiKeyVariable);
        var options = new FinSightClientOptions
        {
            ServerUrl = serverUrl,
            ApiKey = string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim(),
        };
        configure?.Invoke(options);
        return new FinSightClient(options);
    }

    /// <summary>
    /// Starts a run in <paramref name="experiment"/>, creating the experiment if it does not exist.
    /// Connects on first use; system metrics are sampled for the run unless turned off.
    /// </summary>
    /// <param name="experiment">The experiment's name.</param>
    /// <param name="runName">A display name; the server generates one when null.</param>
    /// <param name="parameters">Params logged with the start.</param>
    /// <param name="tags">Tags set with the start.</param>
    /// <param name="cancellationToken">Cancels waiting for the connection or the answer.</param>
    /// <exception cref="Microsoft.AspNetCore.SignalR.HubException">The server refused the request; the message says why.</exception>
    /// <exception cref="InvalidOperationException">The server refused the connection (wrong API key or address).</exception>
    public async Task<FinSightRun> StartRunAsync(
        string experiment,
        string? runName = null,
        IReadOnlyDictionary<string, string>? parameters = null,
        IReadOnlyDictionary<string, string>? tags = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experiment);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var experimentRef = await _connection
            .InvokeIdempotentAsync<ExperimentRef>("GetOrCreateExperiment", experiment, cancellationToken)
            .ConfigureAwait(false);
        var request = new StartRunRequest
        {
            ExperimentId = experimentRef.ExperimentId,
            RunName = runName,
            Params = parameters is null ? null : ToEntries(parameters),
            Tags = tags is null ? null : ToEntries(tags),
        };
        // Not resent after a connection loss: the server might have started the run already.
        var started = await _connection
            .InvokeOnceAsync<StartRunResult>("StartRun", request, cancellationToken)
            .ConfigureAwait(false);
        var run = new FinSightRun(_connection, _http, started, _options, Forget, SpillFor(experiment, runName, started, parameters, tags));
        lock (_gate)
        {
            if (!_disposed)
            {
                _runs.Add(run);
                return run;
            }
        }
        await run.DisposeAsync().ConfigureAwait(false);
        throw new ObjectDisposedException(nameof(FinSightClient));
    }

    /// <summary>
    /// The variant of each unit in an A/B test, in the order asked. The answer is deterministic and sticky
    /// (a hash of test and unit), so a service may call this on every request or cache it.
    /// </summary>
    /// <param name="testId">The test's id.</param>
    /// <param name="unitIds">Up to 10,000 unit ids per call.</param>
    /// <param name="cancellationToken">Cancels waiting for the connection or the answer.</param>
    /// <returns>Unit id → variant name.</returns>
    /// <exception cref="Microsoft.AspNetCore.SignalR.HubException">The server refused the request; the message says why.</exception>
    public async Task<IReadOnlyDictionary<string, string>> AssignVariantsAsync(string testId, IReadOnlyList<string> unitIds, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(testId);
        ArgumentNullException.ThrowIfNull(unitIds);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var result = await _connection
            .InvokeIdempotentAsync<AssignResult>("AssignVariants", new AssignRequest { TestId = testId, UnitIds = [.. unitIds] }, cancellationToken)
            .ConfigureAwait(false);
        var byUnit = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var assignment in result.Assignments) byUnit[assignment.UnitId] = assignment.Variant;
        return byUnit;
    }

    /// <summary>
    /// Records A/B test observations as one batch; returns once the server has stored them durably.
    /// The batch carries a fresh id and is resent with that id after a connection loss, so it is stored exactly once.
    /// </summary>
    /// <param name="testId">The test's id; it must be running.</param>
    /// <param name="observations">Up to 10,000 observations.</param>
    /// <param name="cancellationToken">Cancels waiting for the connection or the answer.</param>
    /// <exception cref="Microsoft.AspNetCore.SignalR.HubException">The server refused the batch (nothing of it was stored); the message names the bad item.</exception>
    public Task<BatchAck> LogObservationsAsync(string testId, IReadOnlyList<AbObservation> observations, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(testId);
        ArgumentNullException.ThrowIfNull(observations);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var batch = new ObservationBatch
        {
            TestId = testId,
            BatchId = Guid.NewGuid().ToString("N"),
            Observations = [.. observations.Select(o => new ObservationInput { UnitId = o.UnitId, Variant = o.Variant, Metric = o.Metric, Value = o.Value })],
        };
        return _connection.InvokeIdempotentAsync<BatchAck>("LogObservations", batch, cancellationToken);
    }

    /// <summary>
    /// Disposes the runs still open (each is flushed and ended as FINISHED unless already ended),
    /// then closes the connection.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        FinSightRun[] open;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            open = [.. _runs];
        }
        List<Exception>? errors = null;
        foreach (var run in open)
        {
            try
            {
                await run.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                (errors ??= []).Add(ex);
            }
        }
        await _connection.DisposeAsync().ConfigureAwait(false);
        if (_http.IsValueCreated) _http.Value.Dispose();
        if (errors is not null) throw errors.Count == 1 ? errors[0] : new AggregateException(errors);
    }

    internal static List<KeyValueEntry> ToEntries(IReadOnlyDictionary<string, string> values)
    {
        var entries = new List<KeyValueEntry>(values.Count);
        foreach (var (key, value) in values) entries.Add(new KeyValueEntry(key, value));
        return entries;
    }

    /// <summary>What a run spills to when the server stays unreachable; null without a spill directory.</summary>
    private RunSpill? SpillFor(string experiment, string? runName, StartRunResult started,
        IReadOnlyDictionary<string, string>? parameters, IReadOnlyDictionary<string, string>? tags)
    {
        if (_options.SpillDirectory is null) return null;
        var config = RunFolders.RunConfig.Start(experiment, runName, parameters, tags, started.StartTime);
        config.RunId = started.RunId;
        config.ServerRunId = started.RunId;
        return new RunSpill(_options, config);
    }

    private void Forget(FinSightRun run)
    {
        lock (_gate) _runs.Remove(run);
    }
}
