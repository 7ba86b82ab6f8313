using System.Security.Claims;
using FinSight.Core.Access;
using FinSight.Core.Contracts;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Data.Mlflow;
using FinSight.Dashboard.Ingestion;
using Microsoft.AspNetCore.Mvc;
using FinSight.Core.Query;

namespace FinSight.Dashboard.Apis.Mlflow;

/// <summary>MLflow's experiment routes (<c>/api/2.0/mlflow/experiments/...</c>).</summary>
public static class MlflowExperimentsApi
{
    public static RouteGroupBuilder MapMlflowExperiments(this RouteGroupBuilder mlflow)
    {
        var group = mlflow.MapGroup("/experiments");
        group.MapPost("/create", Create);
        group.MapGet("/get", Get);
        group.MapGet("/get-by-name", GetByName);
        group.MapPost("/search", Search);
        group.MapGet("/search", SearchByQuery);
        group.MapPost("/update", Update);
        group.MapPost("/delete", Delete);
        group.MapPost("/restore", Restore);
        group.MapPost("/set-experiment-tag", SetTag);
        group.MapPost("/delete-experiment-tag", DeleteTag);
        return mlflow;
    }

    /// <summary>Creates the experiment with its tags (checked before anything is written). artifact_location is not used: FinSight serves artifacts itself.</summary>
    public static async Task<IResult> Create(HttpRequest request, ClaimsPrincipal caller, IngestionService ingestion, MlflowValidator validator, CancellationToken ct)
    {
        var body = await MlflowBody.ReadAsync(request, MlflowJson.Default.MlflowCreateExperimentRequest, ct);
        var tags = validator.Tracking.Tags(body.Tags);
        if (string.IsNullOrWhiteSpace(body.Name)) throw MlflowException.InvalidParameter("Missing value for required parameter 'name'.");
        ExperimentRef created;
        try
        {
            created = await ingestion.CreateExperimentAsync(caller, body.Name, tags.FirstOrDefault(t => t.Key == MlflowDefaultExperiment.NoteTag).Value, ct);
        }
        catch (TrackingException e) when (e.Kind == TrackingErrorKind.Conflict)
        {
            throw MlflowException.AlreadyExists($"Experiment(name={body.Name.Trim()}) already exists. {e.Message}");
        }
        foreach (var (key, value) in tags) await ingestion.SetExperimentTagAsync(caller, created.ExperimentId, key, value, ct);
        return Ok(new MlflowCreateExperimentResponse(created.ExperimentId), MlflowJson.Default.MlflowCreateExperimentResponse);
    }

    public static async Task<IResult> Get([FromQuery(Name = "experiment_id")] string? experimentId, ClaimsPrincipal caller, MlflowTrackingReader reader, CancellationToken ct) =>
        Ok(new MlflowExperimentResponse(await reader.GetExperimentAsync(caller, experimentId, ct)), MlflowJson.Default.MlflowExperimentResponse);

    public static async Task<IResult> GetByName([FromQuery(Name = "experiment_name")] string? name, ClaimsPrincipal caller, MlflowTrackingReader reader, CancellationToken ct) =>
        Ok(new MlflowExperimentResponse(await reader.GetExperimentByNameAsync(caller, name, ct)), MlflowJson.Default.MlflowExperimentResponse);

    public static async Task<IResult> Search(HttpRequest request, ClaimsPrincipal caller, MlflowTrackingReader reader, CancellationToken ct)
    {
        var body = await MlflowBody.ReadAsync(request, MlflowJson.Default.MlflowSearchExperimentsRequest, ct);
        return await SearchAsync(body, caller, reader, ct);
    }

    public static Task<IResult> SearchByQuery(HttpRequest request, ClaimsPrincipal caller, MlflowTrackingReader reader, CancellationToken ct)
    {
        var query = request.Query;
        var body = new MlflowSearchExperimentsRequest
        {
            MaxResults = MlflowQuery.Int(query, "max_results"),
            PageToken = query["page_token"].FirstOrDefault(),
            Filter = query["filter"].FirstOrDefault(),
            OrderBy = query["order_by"].Where(o => o is not null).Select(o => o!).ToList(),
            ViewType = query["view_type"].FirstOrDefault(),
        };
        return SearchAsync(body, caller, reader, ct);
    }

    private static async Task<IResult> SearchAsync(MlflowSearchExperimentsRequest body, ClaimsPrincipal caller, MlflowTrackingReader reader, CancellationToken ct)
    {
        var max = OffsetPageToken.MaxResults(body.MaxResults, 1000, 50_000);
        var offset = OffsetPageToken.Decode(body.PageToken);
        var filter = MlflowExperimentFilter.Parse(body.Filter);
        var order = MlflowExperimentOrder.Parse(body.OrderBy);
        var all = await reader.ListExperimentsAsync(caller, MlflowViewTypes.Parse(body.ViewType, "view_type"), ct);
        var matching = order.Apply(all.Where(filter.Matches)).ToList();
        var page = matching.Skip(offset).Take(max).ToList();
        var next = OffsetPageToken.Next(offset, page.Count, offset + page.Count < matching.Count);
        return Ok(new MlflowSearchExperimentsResponse(page, next), MlflowJson.Default.MlflowSearchExperimentsResponse);
    }

    /// <summary>Renames the experiment; its description is kept.</summary>
    public static async Task<IResult> Update(HttpRequest request, ClaimsPrincipal caller, IngestionService ingestion, MlflowTrackingReader reader, TrackingReader tracking,
        ExperimentAccess access, CancellationToken ct)
    {
        var body = await MlflowBody.ReadAsync(request, MlflowJson.Default.MlflowUpdateExperimentRequest, ct);
        if (string.IsNullOrWhiteSpace(body.NewName)) throw MlflowException.InvalidParameter("Missing value for required parameter 'new_name'.");
        var id = await reader.ResolveExperimentIdAsync(body.ExperimentId, ct);
        // EDIT first: reading the description to keep it would otherwise answer a caller without access with "needs READ".
        await access.RequireAsync(caller, TrackingValidator.ExperimentId(id, "experiment_id"), PermissionLevel.Edit, ct);
        var current = await tracking.GetExperimentAsync(caller, id, ct);
        await ingestion.UpdateExperimentAsync(caller, id, body.NewName, current.Description, ct);
        return Empty();
    }

    public static async Task<IResult> Delete(HttpRequest request, ClaimsPrincipal caller, IngestionService ingestion, MlflowTrackingReader reader, CancellationToken ct)
    {
        var id = await ExperimentIdAsync(request, reader, ct);
        await ingestion.DeleteExperimentAsync(caller, id, ct);
        return Empty();
    }

    public static async Task<IResult> Restore(HttpRequest request, ClaimsPrincipal caller, IngestionService ingestion, MlflowTrackingReader reader, CancellationToken ct)
    {
        var id = await ExperimentIdAsync(request, reader, ct);
        await ingestion.RestoreExperimentAsync(caller, id, ct);
        return Empty();
    }

    public static async Task<IResult> SetTag(HttpRequest request, ClaimsPrincipal caller, IngestionService ingestion, MlflowTrackingReader reader, CancellationToken ct)
    {
        var body = await MlflowBody.ReadAsync(request, MlflowJson.Default.MlflowExperimentTagRequest, ct);
        await ingestion.SetExperimentTagAsync(caller, await reader.ResolveExperimentIdAsync(body.ExperimentId, ct), body.Key, body.Value, ct);
        return Empty();
    }

    public static async Task<IResult> DeleteTag(HttpRequest request, ClaimsPrincipal caller, IngestionService ingestion, MlflowTrackingReader reader, CancellationToken ct)
    {
        var body = await MlflowBody.ReadAsync(request, MlflowJson.Default.MlflowExperimentTagRequest, ct);
        await ingestion.DeleteExperimentTagAsync(caller, await reader.ResolveExperimentIdAsync(body.ExperimentId, ct), body.Key, ct);
        return Empty();
    }

    private static async Task<string> ExperimentIdAsync(HttpRequest request, MlflowTrackingReader reader, CancellationToken ct)
    {
        var body = await MlflowBody.ReadAsync(request, MlflowJson.Default.MlflowExperimentIdRequest, ct);
        return await reader.ResolveExperimentIdAsync(body.ExperimentId, ct);
    }

    internal static IResult Ok<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) => TypedResults.Json(value, type);

    internal static IResult Empty() => TypedResults.Json(MlflowEmpty.Instance, MlflowJson.Default.MlflowEmpty);
}
