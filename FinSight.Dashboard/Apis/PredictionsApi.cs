using System.Security.Claims;
using FinSight.Core.Contracts;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Ingestion;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FinSight.Dashboard.Apis;

/// <summary>
/// <c>/api/v1/runs/{runId}/predictions</c> (DESIGN.md, public contract): log a prediction series and get its financial
/// metrics, which are logged as the run's <c>fin/*</c> metrics; read the stored series back.
/// </summary>
public static class PredictionsApi
{
    public static RouteGroupBuilder MapPredictionsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/runs/{runId}/predictions");
        group.MapPost("/", LogPredictions);
        group.MapGet("/", List);
        return api;
    }

    public static async Task<Ok<PredictionsResult>> LogPredictions(string runId, HttpRequest request, ClaimsPrincipal caller, IngestionService ingestion, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<LogPredictionsRequest>(request, ct);
        return TypedResults.Ok(await ingestion.LogPredictionsAsync(caller, runId, body, ct));
    }

    public static async Task<Ok<PredictionSeriesList>> List(string runId, ClaimsPrincipal caller, PredictionSeriesReader reader, CancellationToken ct) =>
        TypedResults.Ok(await reader.ListAsync(caller, runId, ct));
}
