using FinSight.Core.Analysis;
using FinSight.Core.Contracts;
using FinSight.Core.Tracking;

namespace FinSight.Dashboard.Ingestion;

/// <summary>
/// The one path for every write, whatever the entry point (hub, HTTP, later MLflow): validate the
/// whole request on the caller's thread, queue it for the single writer, answer after the commit.
/// </summary>
public sealed class IngestionService(IngestionQueue queue, TrackingValidator validator, TimeProvider time)
{
    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public Task<ExperimentRef> GetOrCreateExperimentAsync(string? name, CancellationToken cancellationToken = default)
    {
        var checkedName = validator.Name(name, "name");
        return Submit(0, s => s.GetOrCreateExperiment(checkedName, null, mustBeNew: false), cancellationToken);
    }

    public Task<ExperimentRef> CreateExperimentAsync(string? name, string? description, CancellationToken cancellationToken = default)
    {
        var checkedName = validator.Name(name, "name");
        var checkedDescription = validator.Description(description);
        return Submit(0, s => s.GetOrCreateExperiment(checkedName, checkedDescription, mustBeNew: true), cancellationToken);
    }

    /// <summary>Renames an experiment and replaces its description (blank clears it).</summary>
    public Task<ExperimentRef> UpdateExperimentAsync(string? experimentId, string? name, string? description, CancellationToken cancellationToken = default)
    {
        var id = ExperimentId(experimentId);
        var checkedName = validator.Name(name, "name");
        var checkedDescription = validator.Description(description);
        return Submit(0, s => s.UpdateExperiment(id, checkedName, checkedDescription), cancellationToken);
    }

    /// <summary>Soft delete: the experiment and its runs stay stored but leave every list until restored.</summary>
    public Task<ExperimentRef> DeleteExperimentAsync(string? experimentId, CancellationToken cancellationToken = default)
    {
        var id = ExperimentId(experimentId);
        return Submit(0, s => s.SetExperimentLifecycle(id, "deleted"), cancellationToken);
    }

    public Task<ExperimentRef> RestoreExperimentAsync(string? experimentId, CancellationToken cancellationToken = default)
    {
        var id = ExperimentId(experimentId);
        return Submit(0, s => s.SetExperimentLifecycle(id, "active"), cancellationToken);
    }

    /// <summary>Saves which way <paramref name="key"/> improves in an experiment; null forgets the choice.</summary>
    public Task SetMetricDirectionAsync(string? experimentId, string? key, MetricDirection? direction, CancellationToken cancellationToken = default)
    {
        var id = ExperimentId(experimentId);
        if (KeyRules.Check(key, validator.Limits.MaxKeyLength) is { } problem) throw TrackingException.Invalid($"key {problem}.");
        var wire = direction?.ToWire();
        return Submit(0, s => { s.SetMetricDirection(id, key!, wire); return true; }, cancellationToken);
    }

    public Task<StartRunResult> StartRunAsync(StartRunRequest? request, CancellationToken cancellationToken = default)
    {
        if (request is null) throw TrackingException.Invalid("The request body is required: { experimentId, runName?, params?, tags? }.");
        var experimentId = ExperimentId(request.ExperimentId);
        var runName = request.RunName is null ? null : validator.Name(request.RunName, "runName");
        var parameters = validator.Params(request.Params);
        var tags = validator.Tags(request.Tags);
        return Submit(0, s => s.StartRun(experimentId, runName, parameters, tags), cancellationToken);
    }

    public Task<BatchAck> LogMetricsAsync(MetricBatch? batch, CancellationToken cancellationToken = default)
    {
        if (batch is null) throw TrackingException.Invalid("The batch is required: { runId, batchId, points }.");
        var valid = validator.Metrics(batch.RunId, batch.BatchId, batch.Points, Now);
        return Submit(valid.Points.Length, s => s.LogBatch(valid.RunId, valid.BatchId, valid.Points, [], []), cancellationToken);
    }

    /// <summary>Metrics, params and tags in one all-or-nothing write (HTTP log-batch).</summary>
    public Task<BatchAck> LogBatchAsync(string? runId, LogBatchRequest? request, CancellationToken cancellationToken = default)
    {
        if (request is null) throw TrackingException.Invalid("The request body is required: { batchId, metrics, params, tags }.");
        var id = TrackingValidator.RunId(runId);
        var hasMetrics = request.Metrics is { Count: > 0 };
        var points = hasMetrics || request.BatchId is not null
            ? validator.Metrics(id, request.BatchId, request.Metrics ?? [], Now, "metrics").Points
            : [];
        var parameters = validator.Params(request.Params);
        var tags = validator.Tags(request.Tags);
        return Submit(points.Length, s => s.LogBatch(id, request.BatchId, points, parameters, tags), cancellationToken);
    }

    public Task LogParamsAsync(LogParamsRequest? request, CancellationToken cancellationToken = default)
    {
        if (request is null) throw TrackingException.Invalid("The request is required: { runId, params }.");
        var id = TrackingValidator.RunId(request.RunId);
        var parameters = validator.Params(request.Params);
        return Submit(0, s => s.LogBatch(id, null, [], parameters, []), cancellationToken);
    }

    public Task SetTagsAsync(SetTagsRequest? request, CancellationToken cancellationToken = default)
    {
        if (request is null) throw TrackingException.Invalid("The request is required: { runId, tags }.");
        var id = TrackingValidator.RunId(request.RunId);
        var tags = validator.Tags(request.Tags);
        return Submit(0, s => s.LogBatch(id, null, [], [], tags), cancellationToken);
    }

    public Task EndRunAsync(EndRunRequest? request, CancellationToken cancellationToken = default)
    {
        if (request is null) throw TrackingException.Invalid("The request is required: { runId, status }.");
        var id = TrackingValidator.RunId(request.RunId);
        if (!RunStatusNames.TryParse(request.Status, out var status) || !status.IsTerminal())
            throw TrackingException.Invalid($"status '{request.Status}' is not an end status; use FINISHED, FAILED or KILLED.");
        var endTime = request.EndTime ?? Now;
        return Submit(0, s => { s.EndRun(id, status, endTime); return true; }, cancellationToken);
    }

    /// <summary>Queued like any write so compaction never races the writer.</summary>
    public Task<int> CompactSeriesAsync(long seriesId, int targetPoints, CancellationToken cancellationToken = default) =>
        Submit(0, s => s.CompactSeries(seriesId, targetPoints), cancellationToken);

    private Task<T> Submit<T>(int points, Func<TrackingWriteSession, T> work, CancellationToken cancellationToken) =>
        queue.SubmitAsync(new IngestionCommand<T>(points, work), cancellationToken);

    private static long ExperimentId(string? experimentId)
    {
        if (string.IsNullOrWhiteSpace(experimentId)) throw TrackingException.Invalid("experimentId is required.");
        if (!long.TryParse(experimentId, System.Globalization.NumberStyles.None, null, out var id))
            throw TrackingException.Invalid($"experimentId '{experimentId}' is not an experiment id; ids are whole numbers such as \"1\".");
        return id;
    }
}
