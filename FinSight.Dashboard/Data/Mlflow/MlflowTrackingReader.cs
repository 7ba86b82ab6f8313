using System.Security.Claims;
using FinSight.Core.Access;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Apis.Mlflow;
using FinSight.Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace FinSight.Dashboard.Data.Mlflow;

/// <summary>
/// The read side of MLflow's tracking API: experiments and runs in MLflow's shapes. Single reads need READ;
/// lists leave out what the caller may not see, inside the query.
/// </summary>
public sealed class MlflowTrackingReader(IDbContextFactory<FinSightDbContext> contexts, ExperimentAccess access, TrackingReader tracking)
{
    /// <summary>The experiment, by id; "0" is MLflow's default experiment (see <see cref="MlflowDefaultExperiment"/>).</summary>
    public async Task<MlflowExperiment> GetExperimentAsync(ClaimsPrincipal caller, string? experimentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var id = await ResolveExperimentIdAsync(db, experimentId, cancellationToken);
        var experiment = await db.Experiments.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw MlflowException.NotFound($"No Experiment with id={experimentId} exists");
        await access.RequireAsync(caller, id, PermissionLevel.Read, cancellationToken);
        return (await WithTagsAsync(db, [experiment], cancellationToken))[0];
    }

    public async Task<MlflowExperiment> GetExperimentByNameAsync(ClaimsPrincipal caller, string? name, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(name)) throw MlflowException.InvalidParameter("experiment_name is required.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var experiment = await db.Experiments.AsNoTracking().FirstOrDefaultAsync(e => e.Name == name, cancellationToken)
            ?? throw MlflowException.NotFound($"Could not find experiment with name '{name}'");
        await access.RequireAsync(caller, experiment.Id, PermissionLevel.Read, cancellationToken);
        return (await WithTagsAsync(db, [experiment], cancellationToken))[0];
    }

    /// <summary>Every experiment the caller may see in the lifecycle view asked for (filtering and paging happen after).</summary>
    public async Task<IReadOnlyList<MlflowExperiment>> ListExperimentsAsync(ClaimsPrincipal caller, MlflowViewType view, CancellationToken cancellationToken = default)
    {
        var scope = await access.ScopeAsync(caller, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var experiments = await scope.Apply(db.Experiments.AsNoTracking())
            .Where(e => view == MlflowViewType.All
                || (view == MlflowViewType.ActiveOnly ? e.LifecycleStage == LifecycleStages.Active : e.LifecycleStage == LifecycleStages.Deleted))
            .ToListAsync(cancellationToken);
        return await WithTagsAsync(db, experiments, cancellationToken);
    }

    /// <summary>Experiment ids as the caller wrote them ("0" included) turned into stored ids; an unknown one is a 404.</summary>
    public async Task<IReadOnlyList<long>> ResolveExperimentIdsAsync(ClaimsPrincipal caller, IReadOnlyList<string> experimentIds, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = new List<long>(experimentIds.Count);
        foreach (var text in experimentIds)
        {
            var id = await ResolveExperimentIdAsync(db, text, cancellationToken);
            if (!await db.Experiments.AnyAsync(e => e.Id == id, cancellationToken))
                throw MlflowException.NotFound($"No Experiment with id={text} exists");
            await access.RequireAsync(caller, id, PermissionLevel.Read, cancellationToken);
            ids.Add(id);
        }
        return ids;
    }

    /// <summary>An experiment id as written by an MLflow client turned into the stored one ("0": the Default experiment); no access check, for writes that check their own.</summary>
    public async Task<string> ResolveExperimentIdAsync(string? experimentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await ResolveExperimentIdAsync(db, experimentId, cancellationToken)).ToString();
    }

    public async Task<MlflowRun> GetRunAsync(ClaimsPrincipal caller, string? runId, CancellationToken cancellationToken = default)
    {
        var id = RunId(runId);
        await access.RequireRunAsync(caller, id, PermissionLevel.Read, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.RunId == id, cancellationToken)
            ?? throw MlflowException.NotFound($"Run '{id}' not found");
        return (await WithDataAsync(db, [run], cancellationToken))[0];
    }

    /// <summary>Runs named by id, in that order, with their metrics, params and tags (the caller already passed the access check).</summary>
    public async Task<IReadOnlyList<MlflowRun>> GetRunsAsync(IReadOnlyList<string> runIds, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = await db.Runs.AsNoTracking().Where(r => runIds.Contains(r.RunId)).ToListAsync(cancellationToken);
        var order = runIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        return await WithDataAsync(db, runs.OrderBy(r => order[r.RunId]).ToList(), cancellationToken);
    }

    /// <summary>A metric's whole history in step order; a key the run never logged is an empty history, as in MLflow.</summary>
    public async Task<IReadOnlyList<MlflowMetric>> GetMetricHistoryAsync(ClaimsPrincipal caller, string? runId, string? key, CancellationToken cancellationToken = default)
    {
        var id = RunId(runId);
        if (string.IsNullOrEmpty(key)) throw MlflowException.InvalidParameter("metric_key is required.");
        await access.RequireRunAsync(caller, id, PermissionLevel.Read, cancellationToken);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.MetricSeries.AnyAsync(s => s.RunId == id && s.Key == key, cancellationToken)) return [];
        }
        var history = await tracking.GetMetricHistoryAsync(caller, id, key, null, null, null, cancellationToken);
        return history.Points.Select(p => new MlflowMetric(key, p.Value, p.Timestamp, p.Step)).ToList();
    }

    private static string RunId(string? runId)
    {
        if (string.IsNullOrEmpty(runId)) throw MlflowException.InvalidParameter("run_id is required.");
        if (!RunIds.IsValid(runId)) throw MlflowException.NotFound($"Run '{runId}' not found");
        return runId;
    }

    private static async Task<long> ResolveExperimentIdAsync(FinSightDbContext db, string? text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(text)) throw MlflowException.InvalidParameter("experiment_id is required.");
        if (text == MlflowDefaultExperiment.Id)
        {
            return await db.Experiments.Where(e => e.Name == MlflowDefaultExperiment.Name).Select(e => (long?)e.Id).FirstOrDefaultAsync(cancellationToken)
                ?? throw MlflowException.NotFound($"No Experiment with id={text} exists (FinSight creates the '{MlflowDefaultExperiment.Name}' experiment when the first run is logged to id 0)");
        }
        return long.TryParse(text, System.Globalization.NumberStyles.None, null, out var id) && id > 0
            ? id
            : throw MlflowException.NotFound($"No Experiment with id={text} exists");
    }

    private static async Task<IReadOnlyList<MlflowExperiment>> WithTagsAsync(FinSightDbContext db, IReadOnlyList<ExperimentEntity> experiments, CancellationToken cancellationToken)
    {
        var ids = experiments.Select(e => e.Id).ToList();
        var tags = (await db.ExperimentTags.AsNoTracking().Where(t => ids.Contains(t.ExperimentId)).ToListAsync(cancellationToken))
            .ToLookup(t => t.ExperimentId);
        return experiments.Select(e =>
        {
            var list = tags[e.Id].OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new MlflowTag(t.Key, t.Value)).ToList();
            // MLflow keeps an experiment's description as this tag; FinSight keeps it as the description.
            if (e.Description is { } description && list.All(t => t.Key != MlflowDefaultExperiment.NoteTag))
                list.Add(new MlflowTag(MlflowDefaultExperiment.NoteTag, description));
            return new MlflowExperiment(e.Id.ToString(), e.Name, MlflowArtifactUris.Experiment(e.Id), e.LifecycleStage, e.LastUpdateTime, e.CreationTime, list);
        }).ToList();
    }

    private static async Task<IReadOnlyList<MlflowRun>> WithDataAsync(FinSightDbContext db, IReadOnlyList<RunEntity> runs, CancellationToken cancellationToken)
    {
        var ids = runs.Select(r => r.RunId).ToList();
        var parameters = (await db.Params.AsNoTracking().Where(p => ids.Contains(p.RunId)).ToListAsync(cancellationToken)).ToLookup(p => p.RunId);
        var tags = (await db.Tags.AsNoTracking().Where(t => ids.Contains(t.RunId)).ToListAsync(cancellationToken)).ToLookup(t => t.RunId);
        var series = (await db.MetricSeries.AsNoTracking().Where(s => ids.Contains(s.RunId)).ToListAsync(cancellationToken)).ToLookup(s => s.RunId);
        return runs.Select(r =>
        {
            var runTags = tags[r.RunId].OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new MlflowTag(t.Key, t.Value)).ToList();
            // MLflow's UI and clients read the name from this tag; runs started elsewhere have only the name.
            if (runTags.All(t => t.Key != Ingestion.TrackingWriteSession.RunNameTag)) runTags.Add(new MlflowTag(Ingestion.TrackingWriteSession.RunNameTag, r.Name));
            var info = new MlflowRunInfo(r.RunId, r.RunId, r.Name, r.ExperimentId.ToString(), r.Owner ?? "", r.Status, r.StartTime, r.EndTime,
                MlflowArtifactUris.Run(r.ExperimentId, r.RunId), r.LifecycleStage);
            // A series row exists only with points, so NULL there reads back as NaN.
            var metrics = series[r.RunId].OrderBy(s => s.Key, StringComparer.Ordinal)
                .Select(s => new MlflowMetric(s.Key, s.LatestValue ?? double.NaN, s.LatestTimestamp, s.LatestStep)).ToList();
            var runParams = parameters[r.RunId].OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new MlflowTag(p.Key, p.Value)).ToList();
            return new MlflowRun(info, new MlflowRunData(metrics, runParams, runTags), new MlflowRunInputs());
        }).ToList();
    }
}
