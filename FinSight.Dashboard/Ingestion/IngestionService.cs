using FinSight.Core.Analysis;
using FinSight.Core.Analysis.Financial;
using FinSight.Core.Contracts;
using System.Security.Claims;
using FinSight.Core.Access;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;

namespace FinSight.Dashboard.Ingestion;

/// <summary>
/// The one path for every write, whatever the entry point (hub, HTTP, pages, later MLflow): validate the
/// whole request on the caller's thread, check the caller may make it, queue it for the single writer,
/// answer after the commit. Every method takes the caller, so no entry point can forget to authorize.
/// </summary>
public sealed partial class IngestionService(IngestionQueue queue, TrackingValidator validator, ExperimentAccess access, AuditLog audit, TimeProvider time)
{
    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The experiment named, created (with the caller as its manager) when it does not exist yet.</summary>
    public async Task<ExperimentRef> GetOrCreateExperimentAsync(ClaimsPrincipal caller, string? name, CancellationToken cancellationToken = default)
    {
        var checkedName = validator.Name(name, "name");
        ExperimentAccess.RequireCanCreateExperiments(caller);
        var (experiment, created) = await Submit(0, s => s.GetOrCreateExperiment(checkedName, null, mustBeNew: false, caller.UserId()), cancellationToken);
        // Every training script asks this at start: forget cached levels only when a grant was written.
        if (created) access.Invalidate();
        // It may have existed already: then the caller must be allowed to see it.
        else await access.RequireAsync(caller, long.Parse(experiment.ExperimentId), PermissionLevel.Read, cancellationToken);
        return experiment;
    }

    public async Task<ExperimentRef> CreateExperimentAsync(ClaimsPrincipal caller, string? name, string? description, CancellationToken cancellationToken = default)
    {
        var checkedName = validator.Name(name, "name");
        var checkedDescription = validator.Description(description);
        ExperimentAccess.RequireCanCreateExperiments(caller);
        var (experiment, _) = await Submit(0, s => s.GetOrCreateExperiment(checkedName, checkedDescription, mustBeNew: true, caller.UserId()), cancellationToken);
        access.Invalidate(); // the creator's MANAGE
        return experiment;
    }

    /// <summary>Renames an experiment and replaces its description (blank clears it). Needs EDIT.</summary>
    public async Task<ExperimentRef> UpdateExperimentAsync(ClaimsPrincipal caller, string? experimentId, string? name, string? description, CancellationToken cancellationToken = default)
    {
        var id = TrackingValidator.ExperimentId(experimentId);
        var checkedName = validator.Name(name, "name");
        var checkedDescription = validator.Description(description);
        await access.RequireAsync(caller, id, PermissionLevel.Edit, cancellationToken);
        return await Submit(0, s => s.UpdateExperiment(id, checkedName, checkedDescription), cancellationToken);
    }

    /// <summary>Soft delete: the experiment and its runs stay stored but leave every list until restored. Needs MANAGE; audited.</summary>
    public Task<ExperimentRef> DeleteExperimentAsync(ClaimsPrincipal caller, string? experimentId, CancellationToken cancellationToken = default) =>
        SetLifecycleAsync(caller, experimentId, "deleted", AuditActions.ExperimentDeleted, cancellationToken);

    public Task<ExperimentRef> RestoreExperimentAsync(ClaimsPrincipal caller, string? experimentId, CancellationToken cancellationToken = default) =>
        SetLifecycleAsync(caller, experimentId, "active", AuditActions.ExperimentRestored, cancellationToken);

    private async Task<ExperimentRef> SetLifecycleAsync(ClaimsPrincipal caller, string? experimentId, string stage, string auditAction, CancellationToken cancellationToken)
    {
        var id = TrackingValidator.ExperimentId(experimentId);
        await access.RequireAsync(caller, id, PermissionLevel.Manage, cancellationToken);
        var experiment = await Submit(0, s => s.SetExperimentLifecycle(id, stage), cancellationToken);
        await audit.RecordAsync(caller, auditAction, $"experiment {id}", $"'{experiment.Name}'", cancellationToken);
        return experiment;
    }

    /// <summary>Saves which way <paramref name="key"/> improves in an experiment; null forgets the choice. Needs EDIT.</summary>
    public async Task SetMetricDirectionAsync(ClaimsPrincipal caller, string? experimentId, string? key, MetricDirection? direction, CancellationToken cancellationToken = default)
    {
        var id = TrackingValidator.ExperimentId(experimentId);
        if (KeyRules.Check(key, validator.Limits.MaxKeyLength) is { } problem) throw TrackingException.Invalid($"key {problem}.");
        var wire = direction?.ToWire();
        await access.RequireAsync(caller, id, PermissionLevel.Edit, cancellationToken);
        await Submit(0, s => { s.SetMetricDirection(id, key!, wire); return true; }, cancellationToken);
    }

    /// <summary>Starts a run owned by the caller. Needs EDIT on the experiment.</summary>
    /// <remarks>The run starts at <see cref="StartRunRequest.StartTime"/> when the client chose one (MLflow's create-run and
    /// <c>finsight sync</c> do), else now.</remarks>
    public async Task<StartRunResult> StartRunAsync(ClaimsPrincipal caller, StartRunRequest? request, CancellationToken cancellationToken = default)
    {
        if (request is null) throw TrackingException.Invalid("The request body is required: { experimentId, runName?, params?, tags? }.");
        var startTime = request.StartTime;
        if (startTime < 0) throw TrackingException.Invalid($"startTime {startTime} is negative; times are epoch milliseconds.");
        var experimentId = TrackingValidator.ExperimentId(request.ExperimentId);
        var runName = request.RunName is null ? null : validator.Name(request.RunName, "runName");
        var parameters = validator.Params(request.Params);
        var tags = validator.Tags(request.Tags);
        await access.RequireAsync(caller, experimentId, PermissionLevel.Edit, cancellationToken);
        var owner = caller.Email();
        return await Submit(0, s => s.StartRun(experimentId, runName, owner, parameters, tags, startTime), cancellationToken);
    }

    public async Task<BatchAck> LogMetricsAsync(ClaimsPrincipal caller, MetricBatch? batch, CancellationToken cancellationToken = default)
    {
        if (batch is null) throw TrackingException.Invalid("The batch is required: { runId, batchId, points }.");
        var valid = validator.Metrics(batch.RunId, batch.BatchId, batch.Points, Now);
        await access.RequireRunAsync(caller, valid.RunId, PermissionLevel.Edit, cancellationToken);
        return await Submit(valid.Points.Length, s => s.LogBatch(valid.RunId, valid.BatchId, valid.Points, [], []), cancellationToken);
    }

    /// <summary>Metrics, params and tags in one all-or-nothing write (HTTP log-batch).</summary>
    public async Task<BatchAck> LogBatchAsync(ClaimsPrincipal caller, string? runId, LogBatchRequest? request, CancellationToken cancellationToken = default)
    {
        if (request is null) throw TrackingException.Invalid("The request body is required: { batchId, metrics, params, tags }.");
        var id = TrackingValidator.RunId(runId);
        var hasMetrics = request.Metrics is { Count: > 0 };
        var points = hasMetrics || request.BatchId is not null
            ? validator.Metrics(id, request.BatchId, request.Metrics ?? [], Now, "metrics").Points
            : [];
        var parameters = validator.Params(request.Params);
        var tags = validator.Tags(request.Tags);
        await access.RequireRunAsync(caller, id, PermissionLevel.Edit, cancellationToken);
        return await Submit(points.Length, s => s.LogBatch(id, request.BatchId, points, parameters, tags), cancellationToken);
    }

    public async Task LogParamsAsync(ClaimsPrincipal caller, LogParamsRequest? request, CancellationToken cancellationToken = default)
    {
        if (request is null) throw TrackingException.Invalid("The request is required: { runId, params }.");
        var id = TrackingValidator.RunId(request.RunId);
        var parameters = validator.Params(request.Params);
        await access.RequireRunAsync(caller, id, PermissionLevel.Edit, cancellationToken);
        await Submit(0, s => s.LogBatch(id, null, [], parameters, []), cancellationToken);
    }

    public async Task SetTagsAsync(ClaimsPrincipal caller, SetTagsRequest? request, CancellationToken cancellationToken = default)
    {
        if (request is null) throw TrackingException.Invalid("The request is required: { runId, tags }.");
        var id = TrackingValidator.RunId(request.RunId);
        var tags = validator.Tags(request.Tags);
        await access.RequireRunAsync(caller, id, PermissionLevel.Edit, cancellationToken);
        await Submit(0, s => s.LogBatch(id, null, [], [], tags), cancellationToken);
    }

    public async Task EndRunAsync(ClaimsPrincipal caller, EndRunRequest? request, CancellationToken cancellationToken = default)
    {
        if (request is null) throw TrackingException.Invalid("The request is required: { runId, status }.");
        var id = TrackingValidator.RunId(request.RunId);
        if (!RunStatusNames.TryParse(request.Status, out var status) || !status.IsTerminal())
            throw TrackingException.Invalid($"status '{request.Status}' is not an end status; use FINISHED, FAILED or KILLED.");
        var endTime = request.EndTime ?? Now;
        await access.RequireRunAsync(caller, id, PermissionLevel.Edit, cancellationToken);
        await Submit(0, s => { s.EndRun(id, status, endTime); return true; }, cancellationToken);
    }

    /// <summary>
    /// Stores a prediction series of a run and logs its financial metrics as the run's <c>fin/*</c> metrics, in one
    /// commit; undefined metrics are answered as null and not logged. Needs EDIT. A batch id stored before (the client's,
    /// or the one derived from the content when it sends none) writes nothing and answers the stored series' metrics.
    /// </summary>
    public async Task<PredictionsResult> LogPredictionsAsync(ClaimsPrincipal caller, string? runId, LogPredictionsRequest? request, CancellationToken cancellationToken = default)
    {
        if (request is null) throw TrackingException.Invalid("The request body is required: { actual, predicted, returns?, periodsPerYear?, batchId? }.");
        var id = TrackingValidator.RunId(runId);
        var series = PredictionSeries.Create(request.Actual, request.Predicted, request.Returns, request.PeriodsPerYear, validator.Limits.MaxPredictionPoints);
        var batchId = request.BatchId is null ? PredictionBatchIds.FromContent(series, request.Step) : validator.BatchId(request.BatchId);
        var metrics = FinancialMetricsCalculator.Compute(series);
        var defined = metrics.Defined.ToList();
        await access.RequireRunAsync(caller, id, PermissionLevel.Edit, cancellationToken);
        var written = await Submit(defined.Count, s => s.LogPredictions(id, batchId, series, request.Step, defined), cancellationToken);
        var answered = written.Duplicate ? FinancialMetricsCalculator.Compute(written.Series) : metrics;
        return new PredictionsResult
        {
            RunId = id, BatchId = batchId, Duplicate = written.Duplicate, Step = written.Step,
            Points = answered.Points, ZeroActualsExcluded = answered.ZeroActualsExcluded, ReturnCount = answered.ReturnCount,
            ReturnsGiven = answered.ReturnsGiven, PeriodsPerYear = answered.PeriodsPerYear,
            Metrics = new Dictionary<string, double?>(answered.Values), Undefined = new Dictionary<string, string>(answered.Undefined),
        };
    }

    /// <summary>Queued like any write so compaction never races the writer.</summary>
    public Task<int> CompactSeriesAsync(long seriesId, int targetPoints, CancellationToken cancellationToken = default) =>
        Submit(0, s => s.CompactSeries(seriesId, targetPoints), cancellationToken);

    private Task<T> Submit<T>(int points, Func<TrackingWriteSession, T> work, CancellationToken cancellationToken) =>
        queue.SubmitAsync(new IngestionCommand<T>(points, work), cancellationToken);
}
