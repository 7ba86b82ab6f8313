using FinSight.Core.Contracts;
using FinSight.Dashboard.Ingestion;
using Microsoft.AspNetCore.SignalR;

namespace FinSight.Dashboard.Hubs;

/// <summary>
/// Public contract v1 for training processes (<c>/hubs/ingest</c>, JSON and MessagePack). A thin
/// adapter: the service validates, writes and answers; <see cref="TrackingErrorHubFilter"/> turns
/// refusals into <see cref="HubException"/>s carrying the user-facing message.
/// </summary>
public sealed class IngestHub(IngestionService ingestion) : Hub
{
    public const string Path = "/hubs/ingest";

    public Task<ExperimentRef> GetOrCreateExperiment(string? name) =>
        ingestion.GetOrCreateExperimentAsync(name, Context.ConnectionAborted);

    public Task<StartRunResult> StartRun(StartRunRequest? request) =>
        ingestion.StartRunAsync(request, Context.ConnectionAborted);

    public Task<BatchAck> LogMetrics(MetricBatch? batch) =>
        ingestion.LogMetricsAsync(batch, Context.ConnectionAborted);

    public Task LogParams(LogParamsRequest? request) =>
        ingestion.LogParamsAsync(request, Context.ConnectionAborted);

    public Task SetTags(SetTagsRequest? request) =>
        ingestion.SetTagsAsync(request, Context.ConnectionAborted);

    public Task EndRun(EndRunRequest? request) =>
        ingestion.EndRunAsync(request, Context.ConnectionAborted);
}
