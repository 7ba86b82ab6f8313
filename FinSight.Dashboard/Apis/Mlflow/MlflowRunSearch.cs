using System.Security.Claims;
using FinSight.Core.Query;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Data.Mlflow;

namespace FinSight.Dashboard.Apis.Mlflow;

/// <summary>
/// MLflow's runs/search on the runs grid's query: the same filter language (MLflow's, plus OR, NOT and min()/max() of
/// metrics), the same SQL translation and sort. order_by takes MLflow's "&lt;field&gt; [ASC|DESC]" clauses; the first one sorts
/// (ties by start time, newest first, then run id).
/// </summary>
public static class MlflowRunSearch
{
    public const int DefaultMaxResults = 1000;

    public static async Task<IResult> Search(HttpRequest request, ClaimsPrincipal caller, MlflowTrackingReader reader, RunGridQuery grid,
        MlflowValidator validator, CancellationToken ct)
    {
        var body = await MlflowBody.ReadAsync(request, MlflowJson.Default.MlflowSearchRunsRequest, ct);
        var max = OffsetPageToken.MaxResults(body.MaxResults, DefaultMaxResults, validator.Options.MaxSearchResults);
        var offset = OffsetPageToken.Decode(body.PageToken);
        var view = MlflowViewTypes.Parse(body.RunViewType, "run_view_type");
        if (body.ExperimentIds is not { Count: > 0 } experimentIds)
            throw MlflowException.InvalidParameter("experiment_ids must name at least one experiment.");
        RunFilter filter;
        RunGridSort sort;
        try
        {
            filter = RunFilter.Parse(body.Filter);
            sort = Sort(body.OrderBy);
        }
        catch (FilterSyntaxException e)
        {
            throw MlflowException.InvalidParameter($"Invalid search expression: {e.Message}.");
        }
        var ids = await reader.ResolveExperimentIdsAsync(caller, experimentIds, ct);
        var runIds = await grid.SearchRunIdsAsync(ids, filter, sort, view.OnlyDeleted(), offset, max + 1, ct);
        var page = runIds.Take(max).ToList();
        var runs = await reader.GetRunsAsync(page, ct);
        return MlflowExperimentsApi.Ok(new MlflowSearchRunsResponse(runs, OffsetPageToken.Next(offset, page.Count, runIds.Count > max)),
            MlflowJson.Default.MlflowSearchRunsResponse);
    }

    /// <summary>MLflow writes attributes bare (start_time DESC) or prefixed (attributes.start_time); the grid's sort reads both.</summary>
    private static RunGridSort Sort(IReadOnlyList<string>? orderBy)
    {
        if (orderBy is not { Count: > 0 } || string.IsNullOrWhiteSpace(orderBy[0])) return RunGridSort.Default;
        var clause = orderBy[0].Trim();
        var field = clause.Split(' ', 2)[0];
        if (!field.Contains('.') && FilterField.AttributeNames.ContainsKey(field)) clause = "attributes." + clause;
        return RunGridSort.Parse(clause);
    }
}
