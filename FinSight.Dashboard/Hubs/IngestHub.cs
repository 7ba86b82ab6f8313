using FinSight.Core.Contracts;
using FinSight.Dashboard.AbTests;
using FinSight.Dashboard.Ingestion;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace FinSight.Dashboard.Hubs;

/// <summary>
/// Public contract v1 for training processes (<c>/hubs/ingest</c>, JSON and MessagePack). A thin
/// adapter: the service validates, writes and answers; <see cref="TrackingErrorHubFilter"/> turns
/// refusals into <see cref="HubException"/>s carrying the user-facing message. Connecting needs an API key
/// (or a sign-in cookie); each method then checks the caller's permission through the service, and
/// <see cref="ApiKeyHubFilter"/> re-checks the key, and who its owner is now, on every call.
/// </summary>
[Authorize]
public sealed class IngestHub(IngestionService ingestion, AbTestService abTests) : Hub
{
    public const string Path = "/hubs/ingest";

    /// <summary>The caller as of this call (their current role), not as of when the connection opened.</summary>
    private System.Security.Claims.ClaimsPrincipal Caller => ApiKeyHubFilter.CallerOf(Context);

    public Task<ExperimentRef> GetOrCreateExperiment(string? name) =>
        ingestion.GetOrCreateExperimentAsync(Caller, name, Context.ConnectionAborted);

    public Task<StartRunResult> StartRun(StartRunRequest? request) =>
        ingestion.StartRunAsync(Caller, request, Context.ConnectionAborted);

    public Task<BatchAck> LogMetrics(MetricBatch? batch) =>
        ingestion.LogMetricsAsync(Caller, batch, Context.ConnectionAborted);

    public Task LogParams(LogParamsRequest? request) =>
        ingestion.LogParamsAsync(Caller, request, Context.ConnectionAborted);

    public Task SetTags(SetTagsRequest? request) =>
        ingestion.SetTagsAsync(Caller, request, Context.ConnectionAborted);

    public Task EndRun(EndRunRequest? request) =>
        ingestion.EndRunAsync(Caller, request, Context.ConnectionAborted);

    /// <summary>Stores a prediction series and logs its <c>fin/*</c> metrics; answers the metrics once durable. Needs EDIT.</summary>
    public Task<PredictionsResult> LogPredictions(LogPredictionsRequest? request) =>
        ingestion.LogPredictionsAsync(Caller, request?.RunId, request, Context.ConnectionAborted);

    /// <summary>The variant of each unit of an A/B test (deterministic and sticky). Needs READ on the test's experiment.</summary>
    public Task<AssignResult> AssignVariants(AssignRequest? request) =>
        abTests.AssignAsync(Caller, request?.TestId, request?.UnitIds, Context.ConnectionAborted);

    /// <summary>Records A/B test observations, acknowledged once durable. Needs EDIT on the test's experiment.</summary>
    public Task<BatchAck> LogObservations(ObservationBatch? batch) =>
        abTests.LogObservationsAsync(Caller, batch?.TestId, batch, Context.ConnectionAborted);
}
