using FinSight.Core.Tracking;
using static FinSight.Dashboard.Ingestion.SqliteCommandBinding;

namespace FinSight.Dashboard.Ingestion;

/// <summary>What a run looks like after an edit (MLflow's update-run answers with it).</summary>
public sealed record EditedRun(string RunId, long ExperimentId, string Name, string Status, long StartTime, long? EndTime, string? Owner, string LifecycleStage);

/// <summary>Edits of experiments and runs that already exist: experiment tags, run status/name/end, soft delete, tag removal.</summary>
public sealed partial class TrackingWriteSession
{
    /// <summary>The tag MLflow keeps a run's name in; setting it renames the run, so name and tag never disagree.</summary>
    public const string RunNameTag = ReservedTags.RunName;

    /// <summary>Sets a tag of an active experiment (MLflow's set-experiment-tag).</summary>
    public void SetExperimentTag(long experimentId, string key, string value)
    {
        RequireActiveExperiment(experimentId);
        _edits.UpsertExperimentTag.Bind(experimentId, key, value).ExecuteNonQuery();
        _sql.TouchExperiment.Bind(Now, experimentId).ExecuteNonQuery();
        _pendingExperimentChange = true;
    }

    /// <summary>Removes a tag of an active experiment; an absent tag is refused (404), as MLflow does.</summary>
    public void DeleteExperimentTag(long experimentId, string key)
    {
        RequireActiveExperiment(experimentId);
        if (_edits.DeleteExperimentTag.Bind(experimentId, key).ExecuteNonQuery() == 0)
            throw TrackingException.NotFound($"Experiment {experimentId} has no tag '{key}'.");
        _pendingExperimentChange = true;
    }

    /// <summary>
    /// Changes an active run's status, end time and name (each left as is when null). A name is also written to the
    /// <see cref="RunNameTag"/> tag. A status that ends the run closes its live series, as ending a run does.
    /// </summary>
    public EditedRun UpdateRun(string runId, RunStatus? status, long? endTime, string? name)
    {
        ActiveRun(runId);
        var run = StoredRun(runId);
        var updated = run with
        {
            Status = status?.ToWire() ?? run.Status,
            EndTime = endTime ?? run.EndTime,
            Name = name ?? run.Name,
        };
        _edits.UpdateRun.Bind(updated.Status, updated.EndTime, updated.Name, runId).ExecuteNonQuery();
        if (name is not null) _sql.UpsertTag.Bind(runId, RunNameTag, name).ExecuteNonQuery();
        if (status is { } s && s.IsTerminal()) _pendingEndedRuns.Add(runId);
        else _pendingRunChanges.Add(runId);
        return updated;
    }


    /// <summary>
    /// Soft delete or restore of a run (MLflow's delete-run / restore-run): its data stays stored; a deleted run refuses
    /// writes and leaves lists. Idempotent, as MLflow's is.
    /// </summary>
    public EditedRun SetRunLifecycle(string runId, string stage)
    {
        var run = StoredRun(runId);
        _edits.SetRunLifecycle.Bind(stage, runId).ExecuteNonQuery();
        // The cached state says "active"; drop it so the next write reads the stage again.
        _runs.Remove(runId);
        _pendingRunChanges.Add(runId);
        _pendingExperimentChange = true;
        return run with { LifecycleStage = stage };
    }

    /// <summary>Removes a tag of an active run; an absent tag is refused (404), as MLflow does.</summary>
    public void DeleteTag(string runId, string key)
    {
        ActiveRun(runId);
        if (_edits.DeleteTag.Bind(runId, key).ExecuteNonQuery() == 0)
            throw TrackingException.NotFound($"Run '{runId}' has no tag '{key}'.");
        _pendingRunChanges.Add(runId);
    }

    /// <summary>A <see cref="RunNameTag"/> among tags being set renames the run (the last one wins).</summary>
    private void ApplyRunNameTag(string runId, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        for (var i = tags.Count - 1; i >= 0; i--)
        {
            if (tags[i].Key != RunNameTag) continue;
            // Checked as a run name when validated (TrackingValidator.Tags).
            _edits.RenameRun.Bind(tags[i].Value.Trim(), runId).ExecuteNonQuery();
            return;
        }
    }

    private void RequireActiveExperiment(long experimentId)
    {
        var (name, stage) = ExistingExperiment(experimentId);
        if (stage != "active") throw TrackingException.Conflict($"Experiment '{name}' is deleted; restore it before changing it.");
    }

    private EditedRun StoredRun(string runId)
    {
        using var reader = _edits.SelectRun.Bind(runId).ExecuteReader();
        if (!reader.Read()) throw TrackingException.NotFound($"Run '{runId}' does not exist.");
        return new EditedRun(runId, reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
            reader.IsDBNull(4) ? null : reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6));
    }
}
