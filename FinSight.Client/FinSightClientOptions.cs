using FinSight.Core.Contracts;
using Microsoft.AspNetCore.Http.Connections.Client;

namespace FinSight.Client;

/// <summary>Settings of a <see cref="FinSightClient"/>. Read once, when the client is created.</summary>
public sealed class FinSightClientOptions
{
    /// <summary>The server's base address, e.g. <c>http://localhost:5000</c>; the hub is at <c>hubs/ingest</c> below it.</summary>
    public Uri? ServerUrl { get; set; }

    /// <summary>An API key, sent as the connection's access token when set.</summary>
    public string? ApiKey { get; set; }

    /// <summary>True (the default) for the MessagePack protocol, false for JSON.</summary>
    public bool UseMessagePack { get; set; } = true;

    /// <summary>Most points in one batch (1 to 10,000).</summary>
    public int MaxBatchPoints { get; set; } = 1000;

    /// <summary>How long points may wait before a partial batch is sent.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Most points a run holds that the server has not acknowledged yet. When full,
    /// <see cref="FinSightRun.LogMetric"/> waits (slowing the caller); points are never dropped. With
    /// <see cref="SpillDirectory"/> set, it waits at most <see cref="SpillAfter"/> and then spills the run to disk.
    /// </summary>
    public int MaxBufferedPoints { get; set; } = 100_000;

    /// <summary>Most batches per run sent and not yet acknowledged (pipelining).</summary>
    public int MaxInFlightBatches { get; set; } = 4;

    /// <summary>True (the default) to log CPU, memory, disk, network and GPU metrics under <c>system/</c> for every run.</summary>
    public bool SystemMetrics { get; set; } = true;

    /// <summary>How often system metrics are sampled.</summary>
    public TimeSpan SystemMetricsInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait between reconnection attempts. The client reconnects forever.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Creates the HTTP handler for the connection (tests: an in-memory test server's handler).</summary>
    public Func<HttpMessageHandler>? HttpMessageHandlerFactory { get; set; }

    /// <summary>Creates the WebSocket for the connection (tests: an in-memory test server's WebSocket client).</summary>
    public Func<WebSocketConnectionContext, CancellationToken, ValueTask<System.Net.WebSockets.WebSocket>>? WebSocketFactory { get; set; }

    /// <summary>Called for every acknowledged batch with the latency of the call that was acknowledged.</summary>
    public Action<BatchAck, TimeSpan>? Acknowledged { get; set; }

    /// <summary>
    /// Where <see cref="Tracking.FinSightTracker"/> writes a run, in the simple tracker's layout, when the server cannot be
    /// reached for <see cref="SpillAfter"/> (upload it later with <c>finsight sync</c>). When null (the default) the tracker
    /// waits for the server instead.
    /// </summary>
    public string? SpillDirectory { get; set; }

    /// <summary>How long <see cref="Tracking.FinSightTracker"/> waits for an unreachable server before spilling to <see cref="SpillDirectory"/>.</summary>
    public TimeSpan SpillAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Told when a run is spilled, with a message naming the folder; when null the message goes to standard error.</summary>
    public Action<string>? Spilled { get; set; }

    /// <summary>The clock for timestamps, flush and sampling intervals.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Throws with a message naming the first setting out of range.</summary>
    internal void Validate()
    {
        if (ServerUrl is null) throw new ArgumentException("FinSightClientOptions.ServerUrl is required, e.g. http://localhost:5000.");
        if (!ServerUrl.IsAbsoluteUri) throw new ArgumentException($"FinSightClientOptions.ServerUrl must be an absolute address; got '{ServerUrl}'.");
        if (MaxBatchPoints is < 1 or > 10_000) throw new ArgumentException($"FinSightClientOptions.MaxBatchPoints must be between 1 and 10000; got {MaxBatchPoints}.");
        if (MaxBufferedPoints < 1) throw new ArgumentException($"FinSightClientOptions.MaxBufferedPoints must be at least 1; got {MaxBufferedPoints}.");
        if (MaxInFlightBatches < 1) throw new ArgumentException($"FinSightClientOptions.MaxInFlightBatches must be at least 1; got {MaxInFlightBatches}.");
        if (FlushInterval <= TimeSpan.Zero) throw new ArgumentException("FinSightClientOptions.FlushInterval must be positive.");
        if (SystemMetricsInterval <= TimeSpan.Zero) throw new ArgumentException("FinSightClientOptions.SystemMetricsInterval must be positive.");
        if (MaxReconnectDelay <= TimeSpan.Zero) throw new ArgumentException("FinSightClientOptions.MaxReconnectDelay must be positive.");
        if (SpillAfter <= TimeSpan.Zero) throw new ArgumentException("FinSightClientOptions.SpillAfter must be positive.");
        if (TimeProvider is null) throw new ArgumentException("FinSightClientOptions.TimeProvider is required.");
    }

    /// <summary>A copy, so that changing the options after creating the client changes nothing.</summary>
    internal FinSightClientOptions Clone() => (FinSightClientOptions)MemberwiseClone();
}
