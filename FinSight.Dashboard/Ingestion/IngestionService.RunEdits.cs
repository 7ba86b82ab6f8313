using System.Security.Claims;
using FinSight.Core.Access;
using FinSight.Core.Contracts;
using FinSight.Core.Tracking;

namespace FinSight.Dashboard.Ingestion;

/// <summary>Edits of what exists (experiment tags, a run's status, name, lifecycle and tags), and batches checked under other limits (MLflow's).</summary>
public sealed partial class IngestionService
{
    /// <summary>
    /// Writes a batch that passed validation whole (under the caller's limits, e.g. MLflow's), all or nothing. Needs EDIT.
    /// There is no batch id, so a resend is written again.
    /// </summary>
    public async Task LogBatchAsync(ClaimsPrincipal caller, ValidatedRunBatch batch, CancellationToken cancellationToken = default)
    {
        await access.RequireRunAsync(caller, batch.RunId, PermissionLevel.Edit, cancellationToken);
        await Submit(batch.Points.Length, s => s.LogBatch(batch.RunId, null, batch.Points, batch.Params, batch.Tags), cancellationToken);
    }

    /// <summary>Sets a tag of an experiment. Needs EDIT.</summary>
    public async Task SetExperimentTagAsync(ClaimsPrincipal caller, string? experimentId, string? key, string? value, CancellationToken cancellationToken = default)
    {
        var id = TrackingValidator.ExperimentId(experimentId);
        var tag = validator.Tags([new KeyValueEntry { Key = key, Value = value }], "tag")[0];
        await access.RequireAsync(caller, id, PermissionLevel.Edit, cancellationToken);
        await Submit(0, s => { s.SetExperimentTag(id, tag.Key, tag.Value); return true; }, cancellationToken);
    }

    /// <summary>Removes a tag of an experiment. Needs EDIT.</summary>
    public async Task DeleteExperimentTagAsync(ClaimsPrincipal caller, string? experimentId, string? key, CancellationToken cancellationToken = default)
    {
        var id = TrackingValidator.ExperimentId(experimentId);
        var checkedKey = Key(key);
        await access.RequireAsync(caller, id, PermissionLevel.Edit, cancellationToken);
        await Submit(0, s => { s.DeleteExperimentTag(id, checkedKey); return true; }, cancellationToken);
    }

    /// <summary>Changes a run's status, end time and name; null leaves each as it is. Needs EDIT.</summary>
    public async Task<EditedRun> UpdateRunAsync(ClaimsPrincipal caller, string? runId, string? status, long? endTime, string? name, CancellationToken cancellationToken = default)
    {
        var id = TrackingValidator.RunId(runId);
        RunStatus? parsed = null;
        if (status is not null)
        {
            if (!RunStatusNames.TryParse(status, out var s))
                throw TrackingException.Invalid($"status '{status}' is not a run status; use RUNNING, SCHEDULED, FINISHED, FAILED or KILLED.");
            parsed = s;
        }
        if (endTime < 0) throw TrackingException.Invalid($"endTime {endTime} is negative; times are epoch milliseconds.");
        var checkedName = name is null ? null : validator.Name(name, "runName");
        await access.RequireRunAsync(caller, id, PermissionLevel.Edit, cancellationToken);
        return await Submit(0, s => s.UpdateRun(id, parsed, endTime, checkedName), cancellationToken);
    }

    /// <summary>Soft-deletes a run (its data stays; it leaves lists and refuses writes until restored). Needs MANAGE, as deleting does in MLflow.</summary>
    public Task<EditedRun> DeleteRunAsync(ClaimsPrincipal caller, string? runId, CancellationToken cancellationToken = default) =>
        SetRunLifecycleAsync(caller, runId, "deleted", cancellationToken);

    public Task<EditedRun> RestoreRunAsync(ClaimsPrincipal caller, string? runId, CancellationToken cancellationToken = default) =>
        SetRunLifecycleAsync(caller, runId, "active", cancellationToken);

    /// <summary>Removes a tag of a run. Needs EDIT.</summary>
    public async Task DeleteTagAsync(ClaimsPrincipal caller, string? runId, string? key, CancellationToken cancellationToken = default)
    {
        var id = TrackingValidator.RunId(runId);
        var checkedKey = Key(key);
        await access.RequireRunAsync(caller, id, PermissionLevel.Edit, cancellationToken);
        await Submit(0, s => { s.DeleteTag(id, checkedKey); return true; }, cancellationToken);
    }

    private async Task<EditedRun> SetRunLifecycleAsync(ClaimsPrincipal caller, string? runId, string stage, CancellationToken cancellationToken)
    {
        var id = TrackingValidator.RunId(runId);
        await access.RequireRunAsync(caller, id, PermissionLevel.Manage, cancellationToken);
        return await Submit(0, s => s.SetRunLifecycle(id, stage), cancellationToken);
    }

    private string Key(string? key) =>
        KeyRules.Check(key, validator.Limits.MaxKeyLength) is { } problem ? throw TrackingException.Invalid($"key {problem}.") : key!;
}
