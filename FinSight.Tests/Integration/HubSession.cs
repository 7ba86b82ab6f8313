using FinSight.Core.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace FinSight.Tests.Integration;

/// <summary>Shortcuts over a raw hub connection, so tests read as the contract's calls.</summary>
public static class HubSession
{
    public static async Task<StartRunResult> StartRunAsync(this HubConnection hub, string experiment, string? runName = null,
        List<KeyValueEntry>? parameters = null)
    {
        var created = await hub.InvokeAsync<ExperimentRef>("GetOrCreateExperiment", experiment);
        return await hub.InvokeAsync<StartRunResult>("StartRun",
            new StartRunRequest { ExperimentId = created.ExperimentId, RunName = runName, Params = parameters });
    }

    public static Task<BatchAck> LogMetricsAsync(this HubConnection hub, string runId, string batchId, IEnumerable<MetricPointInput> points) =>
        hub.InvokeAsync<BatchAck>("LogMetrics", new MetricBatch { RunId = runId, BatchId = batchId, Points = points.ToList() });

    public static MetricPointInput Point(string key, double value, long? step, long? timestamp = 1_700_000_000_000) =>
        new() { Key = key, Value = value, Step = step, Timestamp = timestamp };
}
