using FinSight.Core.Contracts;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Ingestion;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FinSight.Dashboard.Apis;

/// <summary><c>/api/v1/runs</c> (public contract v1).</summary>
public static class RunsApi
{
    public static RouteGroupBuilder MapRunsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/runs");
        group.MapPost("/", StartRun);
        group.MapGet("/{runId}", GetRun);
        group.MapPost("/{runId}/log-batch", LogBatch);
        group.MapPost("/{runId}/end", EndRun);
        group.MapGet("/{runId}/metric-history", GetMetricHistory);
        return api;
    }

    public static async Task<Created<StartRunResult>> StartRun(HttpRequest request, ClaimsPrincipal caller, IngestionService ingestion, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<StartRunRequest>(request, ct);
        var started = await ingestion.StartRunAsync(caller, body, ct);
        return TypedResults.Created($"/api/v1/runs/{started.RunId}", started);
    }

    public static async Task<Ok<RunDetails>> GetRun(string runId, ClaimsPrincipal caller, TrackingReader reader, CancellationToken ct) =>
        TypedResults.Ok(await reader.GetRunAsync(caller, runId, ct));

    public static async Task<Ok<BatchAck>> LogBatch(string runId, HttpRequest request, ClaimsPrincipal caller, IngestionService ingestion, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<LogBatchRequest>(request, ct);
        return TypedResults.Ok(await ingestion.LogBatchAsync(caller, runId, body, ct));
    }

    public static async Task<Ok<RunInfo>> EndRun(string runId, HttpRequest request, ClaimsPrincipal caller, IngestionService ingestion, TrackingReader reader, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<EndRunRequest>(request, ct);
        body.RunId = runId;
        await ingestion.EndRunAsync(caller, body, ct);
        return TypedResults.Ok((await reader.GetRunAsync(caller, runId, ct)).Info);
    }

    public static async Task<Ok<MetricHistory>> GetMetricHistory(
        string runId, string? key, long? fromStep, long? toStep, int? maxPoints, ClaimsPrincipal caller, TrackingReader reader, CancellationToken ct) =>
        TypedResults.Ok(await reader.GetMetricHistoryAsync(caller, runId, key, fromStep, toStep, maxPoints, ct));
}
