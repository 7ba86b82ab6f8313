using System.Security.Claims;
using FinSight.Core.Access;
using FinSight.Core.Contracts;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Data.Mlflow;
using FinSight.Dashboard.Ingestion;
using Microsoft.AspNetCore.Mvc;
using static FinSight.Dashboard.Apis.Mlflow.MlflowExperimentsApi;

namespace FinSight.Dashboard.Apis.Mlflow;

/// <summary>MLflow's run routes (<c>/api/2.0/mlflow/runs/...</c>): every write goes through IngestionService.</summary>
public static class MlflowRunsApi
{
    public static RouteGroupBuilder MapMlflowRuns(this RouteGroupBuilder mlflow)
    {
        var group = mlflow.MapGroup("/runs");
        group.MapPost("/create", Create);
        group.MapGet("/get", Get);
        group.MapPost("/update", Update);
        group.MapPost("/delete", Delete);
        group.MapPost("/restore", Restore);
        group.MapPost("/search", MlflowRunSearch.Search);
        group.MapPost("/log-batch", LogBatch);
        group.MapPost("/log-metric", LogMetric);
        group.MapPost("/log-parameter", LogParameter);
        group.MapPost("/set-tag", SetTag);
        group.MapPost("/delete-tag", DeleteTag);
        // Accepted so MLflow's clients keep working; FinSight records no datasets, model histories or outputs (README).
        group.MapPost("/log-inputs", AcceptForRun);
        group.MapPost("/log-model", AcceptForRun);
        group.MapPost("/outputs", AcceptForRun);
        return mlflow;
    }

    /// <summary>
    /// Starts a run owned by the caller. Experiment "0" (or none) is MLflow's default experiment, created on demand.
    /// The run name comes from run_name, else from the mlflow.runName tag; user_id is not trusted: the owner is the caller.
    /// </summary>
    public static async Task<IResult> Create(HttpRequest request, ClaimsPrincipal caller, IngestionService ingestion, MlflowTrackingReader reader,
        MlflowValidator validator, CancellationToken ct)
    {
        var body = await MlflowBody.ReadAsync(request, MlflowJson.Default.MlflowCreateRunRequest, ct);
        var tags = validator.Tracking.Tags(body.Tags).ToList();
        var nameTag = tags.LastOrDefault(t => t.Key == TrackingWriteSession.RunNameTag).Value;
        if (!string.IsNullOrWhiteSpace(body.RunName) && nameTag is not null && nameTag.Trim() != body.RunName.Trim())
            throw MlflowException.InvalidParameter($"Both run_name '{body.RunName}' and the {TrackingWriteSession.RunNameTag} tag '{nameTag}' were given, and they differ; send one, or the same name in both.");
        var name = string.IsNullOrWhiteSpace(body.RunName) ? nameTag : body.RunName;
        if (name is not null && nameTag is null) tags.Add(new(TrackingWriteSession.RunNameTag, name.Trim()));
        var experimentId = body.ExperimentId is null or MlflowDefaultExperiment.Id
            ? (await ingestion.GetOrCreateExperimentAsync(caller, MlflowDefaultExperiment.Name, ct)).ExperimentId
            : body.ExperimentId;
        var started = await ingestion.StartRunAsync(caller, new StartRunRequest
        {
            ExperimentId = experimentId,
            RunName = string.IsNullOrWhiteSpace(name) ? null : name,
            Tags = tags.Select(t => new KeyValueEntry(t.Key, t.Value)).ToList(),
            StartTime = body.StartTime,
        }, ct);
        return Ok(new MlflowRunResponse(await reader.GetRunAsync(caller, started.RunId, ct)), MlflowJson.Default.MlflowRunResponse);
    }

    public static async Task<IResult> Get([FromQuery(Name = "run_id")] string? runId, [FromQuery(Name = "run_uuid")] string? runUuid,
        ClaimsPrincipal caller, MlflowTrackingReader reader, CancellationToken ct) =>
        Ok(new MlflowRunResponse(await reader.GetRunAsync(caller, runId ?? runUuid, ct)), MlflowJson.Default.MlflowRunResponse);

    public static async Task<IResult> Update(HttpRequest request, ClaimsPrincipal caller, IngestionService ingestion, CancellationToken ct)
    {
        var body = await MlflowBody.ReadAsync(request, MlflowJson.Default.MlflowUpdateRunRequest, ct);
        var run = await ingestion.UpdateRunAsync(caller, RequiredRunId(body), body.Status, body.EndTime, string.IsNullOrWhiteSpace(body.RunName) ? null : body.RunName, ct);
        var info = new MlflowRunInfo(run.RunId, run.RunId, run.Name, run.ExperimentId.ToString(), run.Owner ?? "", run.Status, run.StartTime, run.EndTime,
            MlflowArtifactUris.Run(run.ExperimentId, run.RunId), run.LifecycleStage);
        return Ok(new MlflowUpdateRunResponse(info), MlflowJson.Default.MlflowUpdateRunResponse);
    }

    public static async Task<IResult> Delete(HttpRequest request, ClaimsPrincipal caller, IngestionService ingestion, CancellationToken ct)
    {
        var body = await MlflowBody.ReadAsync(request, MlflowJson.Default.MlflowRunIdRequest, ct);
        await ingestion.DeleteRunAsync(caller, RequiredRunId(body), ct);
        return Empty();
    }

    public static async Task<IResult> Restore(HttpRequest request, ClaimsPrincipal caller, IngestionService ingestion, CancellationToken ct)
    {
        var body = await MlflowBody.ReadAsync(request, MlflowJson.Default.MlflowRunIdRequest, ct);
        await ingestion.RestoreRunAsync(caller, RequiredRunId(body), ct);
        return Empty();
    }

    /// <summary>
    /// MLflow's log-batch: metrics, params and tags checked whole under MLflow's limits, then written all or nothing. It has
    /// no batch id, so a client's resend is stored again, as MLflow stores it; FinSight invents no deduplication that could drop real points.
    /// </summary>
    public static async Task<IResult> LogBatch(HttpRequest request, ClaimsPrincipal caller, IngestionService ingestion, MlflowValidator validator, CancellationToken ct)
    {
        var body = await MlflowLogBatchReader.ReadAsync(request, ct);
        var limits = validator.Options;
        var (metrics, parameters, tags) = (body.Metrics?.Count ?? 0, body.Params?.Count ?? 0, body.Tags?.Count ?? 0);
        if (metrics > limits.MaxMetricsPerBatch)
            throw MlflowException.InvalidParameter($"A batch logging request can contain at most {limits.MaxMetricsPerBatch} metrics. Got {metrics} metrics. Split the metrics across several requests.");
        if (parameters > limits.MaxParamsPerBatch)
            throw MlflowException.InvalidParameter($"A batch logging request can contain at most {limits.MaxParamsPerBatch} params. Got {parameters} params. Split the params across several requests.");
        if (tags > limits.MaxTagsPerBatch)
            throw MlflowException.InvalidParameter($"A batch logging request can contain at most {limits.MaxTagsPerBatch} tags. Got {tags} tags. Split the tags across several requests.");
        if (metrics + parameters + tags > limits.MaxEntitiesPerBatch)
            throw MlflowException.InvalidParameter($"A batch logging request can contain at most {limits.MaxEntitiesPerBatch} metrics, params and tags in all. Got {metrics + parameters + tags}.");
        var batch = validator.Tracking.Batch(RequiredRunId(body), body.Metrics, body.Params, body.Tags, defaultTimestamp: null, "run_id");
        await ingestion.LogBatchAsync(caller, batch, ct);
        return Empty();
    }

    public static async Task<IResult> LogMetric(HttpRequest request, ClaimsPrincipal caller, IngestionService ingestion, MlflowValidator validator, CancellationToken ct)
    {
        var body = await MlflowBody.ReadAsync(request, MlflowJson.Default.MlflowLogMetricRequest, ct);
        var point = new MetricPointInput { Key = body.Key, Value = body.Value, Timestamp = body.Timestamp, Step = body.Step };
        await ingestion.LogBatchAsync(caller, validator.Tracking.Batch(RequiredRunId(body), [point], null, null, defaultTimestamp: null, "run_id", singleEntry: true), ct);
        return Empty();
    }

    public static async Task<IResult> LogParameter(HttpRequest request, ClaimsPrincipal caller, IngestionService ingestion, MlflowValidator validator, CancellationToken ct)
    {
        var body = await MlflowBody.ReadAsync(request, MlflowJson.Default.MlflowKeyValueRequest, ct);
        var entry = new KeyValueEntry { Key = body.Key, Value = body.Value };
        await ingestion.LogBatchAsync(caller, validator.Tracking.Batch(RequiredRunId(body), null, [entry], null, defaultTimestamp: null, "run_id", singleEntry: true), ct);
        return Empty();
    }

    public static async Task<IResult> SetTag(HttpRequest request, ClaimsPrincipal caller, IngestionService ingestion, MlflowValidator validator, CancellationToken ct)
    {
        var body = await MlflowBody.ReadAsync(request, MlflowJson.Default.MlflowKeyValueRequest, ct);
        var entry = new KeyValueEntry { Key = body.Key, Value = body.Value };
        await ingestion.LogBatchAsync(caller, validator.Tracking.Batch(RequiredRunId(body), null, null, [entry], defaultTimestamp: null, "run_id", singleEntry: true), ct);
        return Empty();
    }

    public static async Task<IResult> DeleteTag(HttpRequest request, ClaimsPrincipal caller, IngestionService ingestion, CancellationToken ct)
    {
        var body = await MlflowBody.ReadAsync(request, MlflowJson.Default.MlflowKeyValueRequest, ct);
        await ingestion.DeleteTagAsync(caller, RequiredRunId(body), body.Key, ct);
        return Empty();
    }

    /// <summary>log-inputs, log-model and outputs: the run must exist and the caller may write to it; nothing is stored.</summary>
    public static async Task<IResult> AcceptForRun(HttpRequest request, ClaimsPrincipal caller, ExperimentAccess access, CancellationToken ct)
    {
        var body = await MlflowBody.ReadAsync(request, MlflowJson.Default.MlflowRunIdRequest, ct);
        await access.RequireRunAsync(caller, RequiredRunId(body), PermissionLevel.Edit, ct);
        return Empty();
    }

    private static string RequiredRunId(MlflowRunIdRequest body) =>
        string.IsNullOrEmpty(body.Id) ? throw MlflowException.InvalidParameter("Missing value for required parameter 'run_id'.") : TrackingValidator.RunId(body.Id, "run_id");
}
