using FinSight.Client.Http;
using FinSight.Client.Ingest;
using FinSight.Client.SystemMetrics;
using FinSight.Core.Contracts;
using FinSight.Core.Tracking;
using Microsoft.AspNetCore.SignalR;

namespace FinSight.Client;

/// <summary>
/// A run being logged. Metrics are buffered and sent in the background, so that logging never
/// waits for the network; params, tags and the end are sent at once. Dispose (or end) the run
/// when training is done, or points still buffered are lost.
/// </summary>
/// <remarks>
/// When the server refuses something (a <see cref="HubException"/> whose message says what is
/// wrong), that refusal is thrown from <see cref="FlushAsync"/>, <see cref="EndAsync"/> and every
/// later <see cref="LogMetric"/>. A lost connection is not a refusal: the run waits for the
/// connection to return and resends what was not acknowledged.
/// </remarks>
public sealed class FinSightRun : IAsyncDisposable
{
    private readonly IngestConnection _connection;
    private readonly Lazy<FinSightHttpApi> _http;
    private readonly MetricBatchSender _sender;
    private readonly SystemMetricsSampler? _sampler;
    private readonly RunSpill? _spill;
    private readonly TimeProvider _timeProvider;
    private readonly Action<FinSightRun> _onDisposed;
    private int _ended;
    private int _disposed;

    internal FinSightRun(
        IngestConnection connection, Lazy<FinSightHttpApi> http, StartRunResult started, FinSightClientOptions options, Action<FinSightRun> onDisposed,
        RunSpill? spill = null)
    {
        _connection = connection;
        _http = http;
        RunId = started.RunId;
        ExperimentId = started.ExperimentId;
        _timeProvider = options.TimeProvider;
        _onDisposed = onDisposed;
        _spill = spill;
        _sender = new MetricBatchSender(connection, RunId, options, spill);
        if (options.SystemMetrics)
        {
            _sampler = new SystemMetricsSampler(LogMetrics, options.SystemMetricsInterval, options.TimeProvider);
            _sampler.Start();
        }
    }

    /// <summary>The run's id: 32 lowercase hex characters.</summary>
    public string RunId { get; }

    /// <summary>The id of the experiment the run belongs to.</summary>
    public string ExperimentId { get; }

    /// <summary>
    /// The folder the run continues in because the server stayed unreachable longer than
    /// <see cref="FinSightClientOptions.SpillAfter"/> (only with <see cref="FinSightClientOptions.SpillDirectory"/>); null otherwise.
    /// </summary>
    public string? SpillFolder => _spill is { IsOpen: true } spill ? spill.Writer.Folder : null;

    /// <summary>Number of metric points the server has acknowledged (committed) so far.</summary>
    public long AcknowledgedPoints => _sender.AcknowledgedPoints;

    /// <summary>
    /// Queues one metric point, timestamped now. Returns at once, unless <c>MaxBufferedPoints</c>
    /// points are waiting for acknowledgement: then it waits for room, slowing the caller rather
    /// than dropping data.
    /// </summary>
    /// <param name="key">The metric key, e.g. <c>loss</c> or <c>val/accuracy</c>.</param>
    /// <param name="value">The value; NaN and ±Infinity are allowed.</param>
    /// <param name="step">The training step.</param>
    /// <exception cref="HubException">The server refused an earlier batch of this run.</exception>
    /// <exception cref="InvalidOperationException">The run has ended.</exception>
    public void LogMetric(string key, double value, long step)
    {
        ArgumentNullException.ThrowIfNull(key);
        _sender.Add(new MetricPointInput { Key = key, Value = value, Step = step, Timestamp = NowMilliseconds() });
    }

    /// <summary>Queues several metric points with the same step and timestamp; see <see cref="LogMetric"/>.</summary>
    /// <param name="metrics">Metric keys and values.</param>
    /// <param name="step">The training step.</param>
    public void LogMetrics(IReadOnlyDictionary<string, double> metrics, long step)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _sender.AddRange(metrics, step, NowMilliseconds());
    }

    /// <summary>Logs params. A param keeps its first value: logging another value for the same key is refused.</summary>
    /// <param name="parameters">Param keys and values.</param>
    /// <param name="ct">Cancels the wait (the server may still apply the params).</param>
    public Task LogParamsAsync(IReadOnlyDictionary<string, string> parameters, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var request = new LogParamsRequest { RunId = RunId, Params = FinSightClient.ToEntries(parameters) };
        return CallOrSpillAsync(async t =>
        {
            await _connection.InvokeIdempotentAsync<object?>("LogParams", request, t).ConfigureAwait(false);
            _spill?.Logged(parameters);
        }, spilled => spilled.LogParams(parameters), "params", ct);
    }

    /// <summary>Sets (or overwrites) a tag.</summary>
    /// <param name="key">The tag key.</param>
    /// <param name="value">The tag value.</param>
    /// <param name="ct">Cancels the wait (the server may still apply the tag).</param>
    public Task SetTagAsync(string key, string value, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var request = new SetTagsRequest { RunId = RunId, Tags = [new KeyValueEntry(key, value)] };
        var tag = new Dictionary<string, string> { [key] = value };
        return CallOrSpillAsync(async t =>
        {
            await _connection.InvokeIdempotentAsync<object?>("SetTags", request, t).ConfigureAwait(false);
            _spill?.Tagged(key, value);
        }, spilled => spilled.SetTags(tag), "a tag", ct);
    }

    /// <summary>
    /// Logs a prediction series: the server stores it with the run and logs its financial metrics (<c>fin/mae</c>,
    /// <c>fin/sharpe_ratio</c> …) as metrics of the run. Returns once both are stored, with every metric's value (null
    /// when undefined for this series, with the reason in <see cref="PredictionsResult.Undefined"/>). The call carries a
    /// fresh batch id and is resent with it after a connection loss, so the series is stored once.
    /// </summary>
    /// <param name="actual">The actual values, one per period; every one finite.</param>
    /// <param name="predicted">The predictions, as many as <paramref name="actual"/>.</param>
    /// <param name="returns">
    /// Returns of a strategy trading on the predictions, one per period after the first (one fewer than
    /// <paramref name="actual"/>); when null, the server derives the returns of going long when the prediction is above
    /// the last actual value and short when below.
    /// </param>
    /// <param name="periodsPerYear">Periods per year for annualizing the Sharpe ratio and volatility; 252 when null.</param>
    /// <param name="step">The step the metrics are logged at; when null, how many series the run had before.</param>
    /// <param name="ct">Cancels the wait (the server may still store the series).</param>
    /// <exception cref="HubException">The server refused the series (nothing was stored); the message names the bad value.</exception>
    public Task<PredictionsResult> LogPredictionsAsync(IReadOnlyList<double> actual, IReadOnlyList<double> predicted, IReadOnlyList<double>? returns = null,
        double? periodsPerYear = null, long? step = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        var request = new LogPredictionsRequest
        {
            RunId = RunId,
            BatchId = Guid.NewGuid().ToString("N"),
            Actual = [.. actual],
            Predicted = [.. predicted],
            Returns = returns is null ? null : [.. returns],
            PeriodsPerYear = periodsPerYear,
            Step = step,
        };
        return _connection.InvokeIdempotentAsync<PredictionsResult>("LogPredictions", request, ct);
    }

    /// <summary>
    /// Uploads a file as an artifact of the run (HTTP PUT to <c>/api/v1/runs/{runId}/artifacts/{artifactPath}</c>, streamed
    /// from disk), or every file under a folder, keeping their paths relative to it. An upload to a path that exists replaces it.
    /// </summary>
    /// <param name="localPath">The file or folder.</param>
    /// <param name="artifactPath">Where under the run's artifacts; the file's (or folder's) name when null.</param>
    /// <param name="ct">Cancels the upload.</param>
    /// <returns>What the server stored, one entry per file.</returns>
    /// <exception cref="FileNotFoundException"><paramref name="localPath"/> is neither a file nor a folder.</exception>
    /// <exception cref="ArgumentException"><paramref name="artifactPath"/> is absolute or contains '..'.</exception>
    /// <exception cref="FinSightApiException">The server refused the upload; the message carries its reason.</exception>
    public Task<IReadOnlyList<ArtifactStored>> LogArtifactAsync(string localPath, string? artifactPath = null, CancellationToken ct = default) =>
        _http.Value.PutArtifactsAsync(RunId, localPath, artifactPath, ct);

    /// <summary>
    /// Sends what is buffered and returns when every point logged before the call is acknowledged,
    /// waiting through reconnections.
    /// </summary>
    /// <param name="ct">Cancels the wait; the points are still sent.</param>
    /// <exception cref="HubException">The server refused a batch of this run.</exception>
    public Task FlushAsync(CancellationToken ct = default) => _sender.FlushAsync(ct);

    /// <summary>
    /// Stops system-metrics sampling, flushes, and ends the run with <paramref name="status"/>.
    /// If the server refused a batch, the run is still ended and the refusal is thrown afterwards.
    /// </summary>
    /// <param name="status">FINISHED, FAILED or KILLED.</param>
    /// <param name="ct">Cancels the wait.</param>
    /// <exception cref="ArgumentException"><paramref name="status"/> is not an end status.</exception>
    /// <exception cref="HubException">The server refused a batch of this run, or the end itself.</exception>
    public async Task EndAsync(RunStatus status = RunStatus.Finished, CancellationToken ct = default)
    {
        if (!status.IsTerminal()) throw new ArgumentException($"A run ends as FINISHED, FAILED or KILLED, not {status.ToWire()}.", nameof(status));
        if (Interlocked.Exchange(ref _ended, 1) == 1) throw new InvalidOperationException($"Run {RunId} has already been ended.");
        if (_sampler is not null) await _sampler.DisposeAsync().ConfigureAwait(false);
        _sender.Complete();
        HubException? refusal = null;
        try
        {
            await FlushOrSpillAsync(ct).ConfigureAwait(false);
        }
        catch (HubException ex)
        {
            refusal = ex;
        }
        var request = new EndRunRequest { RunId = RunId, Status = status.ToWire() };
        await CallOrSpillAsync(t => _connection.InvokeIdempotentAsync<object?>("EndRun", request, t), spilled => spilled.End(status), "the end", ct)
            .ConfigureAwait(false);
        if (refusal is not null) throw refusal;
    }

    /// <summary>
    /// Flushes and ends the run as FINISHED unless <see cref="EndAsync"/> was called, then stops the
    /// run's background work. Waits through reconnections so that nothing logged is lost.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        try
        {
            if (Volatile.Read(ref _ended) == 0) await EndAsync(RunStatus.Finished).ConfigureAwait(false);
        }
        finally
        {
            if (_sampler is not null) await _sampler.DisposeAsync().ConfigureAwait(false);
            await _sender.DisposeAsync().ConfigureAwait(false);
            _spill?.Dispose();
            _onDisposed(this);
        }
    }

    private async Task FlushOrSpillAsync(CancellationToken ct)
    {
        if (_spill is null)
        {
            await _sender.FlushAsync(ct).ConfigureAwait(false);
            return;
        }
        try
        {
            await _sender.FlushAsync(ct).WaitAsync(_spill.After, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _sender.Spill($"the server did not acknowledge the run's last points within {_spill.After}");
        }
    }

    /// <summary>
    /// Makes a call to the server; with a spill configured, a call the server does not answer within its patience
    /// (or any call once the run has spilled) is written to the spill folder instead.
    /// </summary>
    private async Task CallOrSpillAsync(Func<CancellationToken, Task> call, Action<RunFolders.RunFolderWriter> offline, string what, CancellationToken ct)
    {
        if (_spill is null)
        {
            await call(ct).ConfigureAwait(false);
            return;
        }
        if (!_spill.IsOpen)
        {
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
            patience.CancelAfter(_spill.After);
            try
            {
                await call(patience.Token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                _sender.Spill($"the server did not answer within {_spill.After} when sending {what}");
            }
        }
        offline(_spill.Writer);
    }

    private long NowMilliseconds() => _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
}
