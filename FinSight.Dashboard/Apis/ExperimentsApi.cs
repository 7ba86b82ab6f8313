using FinSight.Core.Contracts;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Ingestion;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FinSight.Dashboard.Apis;

/// <summary><c>/api/v1/experiments</c> (public contract v1).</summary>
public static class ExperimentsApi
{
    public static RouteGroupBuilder MapExperimentsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/experiments");
        group.MapGet("/", ListExperiments);
        group.MapPost("/", CreateExperiment);
        group.MapGet("/{experimentId}", GetExperiment);
        group.MapGet("/{experimentId}/runs", ListRuns);
        return api;
    }

    public static async Task<Ok<IReadOnlyList<ExperimentInfo>>> ListExperiments(ClaimsPrincipal caller, TrackingReader reader, CancellationToken ct) =>
        TypedResults.Ok(await reader.ListExperimentsAsync(caller, ct));

    public static async Task<Created<ExperimentInfo>> CreateExperiment(
        HttpRequest request, ClaimsPrincipal caller, IngestionService ingestion, TrackingReader reader, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<CreateExperimentRequest>(request, ct);
        var created = await ingestion.CreateExperimentAsync(caller, body.Name, body.Description, ct);
        var info = await reader.GetExperimentAsync(caller, created.ExperimentId, ct);
        return TypedResults.Created($"/api/v1/experiments/{info.ExperimentId}", info);
    }

    public static async Task<Ok<ExperimentInfo>> GetExperiment(string experimentId, ClaimsPrincipal caller, TrackingReader reader, CancellationToken ct) =>
        TypedResults.Ok(await reader.GetExperimentAsync(caller, experimentId, ct));

    public static async Task<Ok<IReadOnlyList<RunInfo>>> ListRuns(string experimentId, ClaimsPrincipal caller, TrackingReader reader, CancellationToken ct) =>
        TypedResults.Ok(await reader.ListRunsAsync(caller, experimentId, ct));
}
