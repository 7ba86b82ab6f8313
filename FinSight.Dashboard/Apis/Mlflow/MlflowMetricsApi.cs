using System.Security.Claims;
using FinSight.Dashboard.Data.Mlflow;
using Microsoft.AspNetCore.Mvc;
using FinSight.Core.Query;

namespace FinSight.Dashboard.Apis.Mlflow;

/// <summary>MLflow's metric history (<c>GET /api/2.0/mlflow/metrics/get-history</c>), paginated when asked.</summary>
public static class MlflowMetricsApi
{
    /// <summary>MLflow's most points per history page.</summary>
    public const int MaxHistoryResults = 25_000;

    public static RouteGroupBuilder MapMlflowMetrics(this RouteGroupBuilder mlflow)
    {
        mlflow.MapGet("/metrics/get-history", GetHistory);
        return mlflow;
    }

    /// <summary>Every point when neither max_results nor page_token is given (as MLflow answers); otherwise one page and the next token.</summary>
    public static async Task<IResult> GetHistory([FromQuery(Name = "run_id")] string? runId, [FromQuery(Name = "run_uuid")] string? runUuid,
        [FromQuery(Name = "metric_key")] string? key, [FromQuery(Name = "page_token")] string? pageToken, HttpRequest request,
        ClaimsPrincipal caller, MlflowTrackingReader reader, CancellationToken ct)
    {
        var maxResults = MlflowQuery.Int(request.Query, "max_results");
        var paged = maxResults is not null || !string.IsNullOrEmpty(pageToken);
        var max = paged ? OffsetPageToken.MaxResults(maxResults, MaxHistoryResults, MaxHistoryResults) : int.MaxValue;
        var offset = OffsetPageToken.Decode(pageToken);
        var history = await reader.GetMetricHistoryAsync(caller, runId ?? runUuid, key, ct);
        var page = paged ? history.Skip(offset).Take(max).ToList() : history;
        var next = paged ? OffsetPageToken.Next(offset, page.Count, offset + page.Count < history.Count) : null;
        return MlflowExperimentsApi.Ok(new MlflowMetricHistoryResponse(page, next), MlflowJson.Default.MlflowMetricHistoryResponse);
    }
}
