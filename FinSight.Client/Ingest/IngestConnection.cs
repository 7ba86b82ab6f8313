using System.Net;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace FinSight.Client.Ingest;

/// <summary>
/// The one hub connection a <see cref="FinSightClient"/> shares across its runs. Started lazily,
/// kept alive forever: SignalR's automatic reconnect covers drops of an open connection, and a
/// loop of our own covers what it leaves closed (a failed first start, a server-side close).
/// </summary>
internal sealed class IngestConnection : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly CappedBackoffRetryPolicy _retryPolicy;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _connected = NewSignal();
    private Task? _connectLoop;

    public IngestConnection(FinSightClientOptions options)
    {
        _timeProvider = options.TimeProvider;
        _retryPolicy = new CappedBackoffRetryPolicy(options.MaxReconnectDelay);
        var builder = new HubConnectionBuilder()
            .WithUrl(HubUrl(options.ServerUrl!), http =>
            {
                if (options.ApiKey is { } apiKey) http.AccessTokenProvider = () => Task.FromResult<string?>(apiKey);
                if (options.HttpMessageHandlerFactory is { } handlerFactory) http.HttpMessageHandlerFactory = _ => handlerFactory();
                if (options.WebSocketFactory is { } webSocketFactory) http.WebSocketFactory = webSocketFactory;
            })
            .WithAutomaticReconnect(_retryPolicy);
        if (options.UseMessagePack)
        {
            builder.AddMessagePackProtocol();
        }
        else
        {
            // MetricValue writes NaN and ±Infinity as MLflow's strings; this covers any other double.
            builder.AddJsonProtocol(json =>
                json.PayloadSerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals);
        }
        _hub = builder.Build();
        _hub.Reconnecting += _ => { MarkDisconnected(); return Task.CompletedTask; };
        _hub.Reconnected += _ => { MarkConnected(); return Task.CompletedTask; };
        _hub.Closed += _ => { OnClosed(); return Task.CompletedTask; };
    }

    /// <summary>The hub address: the server URL with <c>hubs/ingest</c> appended to its path.</summary>
    internal static Uri HubUrl(Uri serverUrl)
    {
        var text = serverUrl.ToString();
        return new Uri(text.EndsWith('/') ? text + "hubs/ingest" : text + "/hubs/ingest");
    }

    /// <summary>
    /// Completes when the connection is open, starting it on first use. Faults when the server
    /// refuses the client itself (wrong key, wrong address), which waiting would not fix.
    /// </summary>
    public Task WaitConnectedAsync(CancellationToken cancellationToken)
    {
        Task connected;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
            _connectLoop ??= Task.Run(ConnectLoopAsync);
            // The state changes before the Reconnecting/Closed handlers run; a caller whose invoke just
            // failed must wait for the reconnect, not retry at once against a dead connection.
            if (_connected.Task.IsCompletedSuccessfully && _hub.State != HubConnectionState.Connected) _connected = NewSignal();
            connected = _connected.Task;
        }
        return connected.IsCompleted ? connected : connected.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Invokes a hub method, resending it when the connection drops before an answer comes.
    /// Only for idempotent methods: a resend may reach a server that already applied the first call.
    /// </summary>
    public async Task<T> InvokeIdempotentAsync<T>(string method, object argument, CancellationToken cancellationToken)
    {
        for (var attempt = 0L; ; attempt++)
        {
            await WaitConnectedAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await _hub.InvokeAsync<T>(method, argument, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsConnectionLoss(ex, cancellationToken))
            {
                await PauseAfterFailureAsync(attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Invokes a hub method once: for calls that must not be applied twice.</summary>
    public async Task<T> InvokeOnceAsync<T>(string method, object argument, CancellationToken cancellationToken)
    {
        await WaitConnectedAsync(cancellationToken).ConfigureAwait(false);
        return await _hub.InvokeAsync<T>(method, argument, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a metric batch once and returns its acknowledgement.</summary>
    public Task<Core.Contracts.BatchAck> SendBatchAsync(Core.Contracts.MetricBatch batch, CancellationToken cancellationToken) =>
        _hub.InvokeAsync<Core.Contracts.BatchAck>("LogMetrics", batch, cancellationToken);

    /// <summary>
    /// True for failures that a reconnect fixes; false for the server's refusals (<see cref="HubException"/>)
    /// and for the caller's own cancellation.
    /// </summary>
    public static bool IsConnectionLoss(Exception ex, CancellationToken cancellationToken) =>
        ex is not HubException && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested);

    /// <summary>
    /// After a failed call, waits with backoff before the next attempt, so that a failure the connection
    /// does not notice (e.g. a message the server closes on) does not become a busy loop.
    /// </summary>
    public Task PauseAfterFailureAsync(long attempt, CancellationToken cancellationToken) =>
        Task.Delay(_retryPolicy.Delay(attempt + 1), _timeProvider, cancellationToken);

    private async Task ConnectLoopAsync()
    {
        for (var attempt = 0L; !_disposed.IsCancellationRequested; attempt++)
        {
            try
            {
                await Task.Delay(_retryPolicy.Delay(attempt), _timeProvider, _disposed.Token).ConfigureAwait(false);
                await _hub.StartAsync(_disposed.Token).ConfigureAwait(false);
                MarkConnected();
                return;
            }
            catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException ex) when (ex.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
            {
                // Keep trying (the server may be mid-deployment), but tell current waiters now.
                FailWaiters(new InvalidOperationException(RefusalMessage(ex.StatusCode.Value), ex));
            }
            catch (Exception) when (!_disposed.IsCancellationRequested)
            {
                // Server down or restarting: try again after the backoff.
            }
        }
    }

    private static string RefusalMessage(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "The FinSight server refused the connection (401): the API key is missing, wrong, expired or revoked.",
        HttpStatusCode.Forbidden => "The FinSight server refused the connection (403): the API key may not log to this server.",
        _ => "The FinSight server has no ingestion hub at this address (404): check the server URL.",
    };

    private void MarkConnected()
    {
        lock (_gate) _connected.TrySetResult();
    }

    private void MarkDisconnected()
    {
        lock (_gate)
        {
            if (_connected.Task.IsCompleted) _connected = NewSignal();
        }
    }

    private void FailWaiters(Exception error)
    {
        lock (_gate)
        {
            _connected.TrySetException(error);
            _connected = NewSignal();
        }
    }

    private void OnClosed()
    {
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested) return;
            if (_connected.Task.IsCompleted) _connected = NewSignal();
            _connectLoop = Task.Run(ConnectLoopAsync);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested) return;
            _disposed.Cancel();
            loop = _connectLoop;
            _connected.TrySetException(new ObjectDisposedException(nameof(FinSightClient)));
        }
        if (loop is not null) await loop.ConfigureAwait(false);
        await _hub.DisposeAsync().ConfigureAwait(false);
    }
}
