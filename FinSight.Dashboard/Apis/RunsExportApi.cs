using System.Security.Claims;
using System.Text;
using FinSight.Core.Query;
using FinSight.Dashboard.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FinSight.Dashboard.Apis;

/// <summary><c>GET /api/v1/experiments/{experimentId}/runs.csv</c>: what the experiment page's grid shows, every row.</summary>
public static class RunsExportApi
{
    public static RouteGroupBuilder MapRunsExportApi(this RouteGroupBuilder api)
    {
        api.MapGet("/experiments/{experimentId}/runs.csv", ExportRuns);
        return api;
    }

    /// <param name="search">Run name or id contains (case-insensitive).</param>
    /// <param name="filter">Filter text, e.g. <c>metrics.val_loss &lt; 0.1</c>.</param>
    /// <param name="sort">"&lt;column&gt; [asc|desc]", e.g. <c>min(metrics.val_loss) asc</c>.</param>
    /// <param name="columns">Comma-separated fields, e.g. <c>params.lr,min(metrics.val_loss)</c>.</param>
    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> ExportRuns(
        string experimentId, string? search, string? filter, string? sort, string? columns, ClaimsPrincipal caller, RunGridQuery query, TimeProvider time, CancellationToken ct)
    {
        RunGridRequest request;
        try
        {
            request = new RunGridRequest(experimentId)
            {
                Search = search,
                Filter = Read("filter", () => RunFilter.Parse(filter)),
                Sort = Read("sort", () => RunGridSort.Parse(sort)),
                Columns = Read("columns", () => (columns ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(FilterField.Parse).ToList()),
            };
        }
        catch (InvalidQueryParameterException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");
        }
        // Unknown experiments fail here, before the response starts, so they still get a 404 problem.
        await query.QueryAsync(caller, request with { PageSize = 1 }, ct);
        var fileName = $"experiment-{experimentId}-runs.csv";
        return TypedResults.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            await RunsCsvWriter.WriteAsync(writer, request.Columns, query.StreamAsync(caller, request, ct), time.GetUtcNow().ToUnixTimeMilliseconds(), ct);
        }, "text/csv; charset=utf-8", fileName);
    }

    private static T Read<T>(string parameter, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (FilterSyntaxException e)
        {
            throw new InvalidQueryParameterException($"{parameter}: {e.Message}");
        }
    }

    private sealed class InvalidQueryParameterException(string message) : Exception(message);
}
