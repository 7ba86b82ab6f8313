using System.Security.Claims;
using FinSight.Core.Analysis;
using FinSight.Core.Contracts;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace FinSight.Dashboard.Data;

/// <summary>A run with the name of its experiment, for lists that span experiments.</summary>
public sealed record RunListItem(RunInfo Run, string ExperimentName);

/// <summary>A run's best value of one metric, for "top runs by" rankings.</summary>
public sealed record RankedRun(RunInfo Run, string ExperimentName, double Best, double Latest);

/// <summary>Counts of runs by status across every active experiment.</summary>
public sealed record RunCounts(int Running, int Finished, int Failed, int Killed)
{
    public int Total => Running + Finished + Failed + Killed;
}

/// <summary>
/// The overview page's queries: counts, active and recently ended runs, top runs by a metric; all of them
/// only over experiments the caller may see.
/// </summary>
public sealed class OverviewReader(IDbContextFactory<FinSightDbContext> contexts, ExperimentAccess access)
{
    public async Task<RunCounts> CountsAsync(ClaimsPrincipal caller, CancellationToken cancellationToken = default)
    {
        var scope = await access.ScopeAsync(caller, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await VisibleRuns(db, scope).GroupBy(r => r.Status).Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        int Of(RunStatus status) => counts.GetValueOrDefault(status.ToWire());
        return new RunCounts(Of(RunStatus.Running), Of(RunStatus.Finished), Of(RunStatus.Failed), Of(RunStatus.Killed));
    }

    /// <summary>Running runs, newest first.</summary>
    public async Task<IReadOnlyList<RunListItem>> ActiveRunsAsync(ClaimsPrincipal caller, int limit, CancellationToken cancellationToken = default)
    {
        var running = RunStatus.Running.ToWire();
        var scope = await access.ScopeAsync(caller, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = await VisibleRuns(db, scope).Where(r => r.Status == running).OrderByDescending(r => r.StartTime).Take(limit)
            .Select(r => new { Run = r, r.Experiment!.Name }).ToListAsync(cancellationToken);
        return runs.Select(r => new RunListItem(TrackingReader.ToInfo(r.Run), r.Name)).ToList();
    }

    /// <summary>Finished, failed and killed runs, most recently ended first.</summary>
    public async Task<IReadOnlyList<RunListItem>> RecentlyEndedAsync(ClaimsPrincipal caller, int limit, CancellationToken cancellationToken = default)
    {
        var running = RunStatus.Running.ToWire();
        var scope = await access.ScopeAsync(caller, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = await VisibleRuns(db, scope).Where(r => r.Status != running && r.EndTime != null).OrderByDescending(r => r.EndTime).Take(limit)
            .Select(r => new { Run = r, r.Experiment!.Name }).ToListAsync(cancellationToken);
        return runs.Select(r => new RunListItem(TrackingReader.ToInfo(r.Run), r.Name)).ToList();
    }

    /// <summary>Each run's main metric, the one a sparkline shows: its training loss when it has one.</summary>
    public async Task<IReadOnlyDictionary<string, string>> MainMetricsAsync(ClaimsPrincipal caller, IReadOnlyCollection<string> runIds, CancellationToken cancellationToken = default)
    {
        var scope = await access.ScopeAsync(caller, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var visible = VisibleRuns(db, scope).Where(r => runIds.Contains(r.RunId)).Select(r => r.RunId);
        var keys = await db.MetricSeries.AsNoTracking().Where(s => visible.Contains(s.RunId)).Select(s => new { s.RunId, s.Key }).ToListAsync(cancellationToken);
        return keys.GroupBy(k => k.RunId)
            .Select(g => (RunId: g.Key, Main: MainMetric.Choose(g.Select(k => k.Key))))
            .Where(x => x.Main is not null)
            .ToDictionary(x => x.RunId, x => x.Main!, StringComparer.Ordinal);
    }

    /// <summary>Metric keys logged by visible runs (system metrics left out), for the ranking picker.</summary>
    public async Task<IReadOnlyList<string>> MetricKeysAsync(ClaimsPrincipal caller, int limit, CancellationToken cancellationToken = default)
    {
        var scope = await access.ScopeAsync(caller, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runIds = VisibleRuns(db, scope).Select(r => r.RunId);
        return await db.MetricSeries.AsNoTracking()
            .Where(s => runIds.Contains(s.RunId) && !s.Key.StartsWith("system/"))
            .Select(s => s.Key).Distinct().OrderBy(k => k).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>The runs with the best value of <paramref name="key"/>, best first, honouring the metric's direction.</summary>
    public async Task<IReadOnlyList<RankedRun>> TopRunsAsync(ClaimsPrincipal caller, string key, MetricDirection direction, int limit, CancellationToken cancellationToken = default)
    {
        var scope = await access.ScopeAsync(caller, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var series = db.MetricSeries.AsNoTracking().Where(s => s.Key == key);
        var joined = VisibleRuns(db, scope).Join(series, r => r.RunId, s => s.RunId, (r, s) => new { Run = r, r.Experiment!.Name, s.MinValue, s.MaxValue, s.LatestValue });
        var ordered = direction == MetricDirection.Minimize
            ? joined.Where(x => x.MinValue != null).OrderBy(x => x.MinValue)
            : joined.Where(x => x.MaxValue != null).OrderByDescending(x => x.MaxValue);
        var rows = await ordered.Take(limit).ToListAsync(cancellationToken);
        return rows.Select(x => new RankedRun(TrackingReader.ToInfo(x.Run), x.Name,
            (direction == MetricDirection.Minimize ? x.MinValue : x.MaxValue) ?? double.NaN, x.LatestValue ?? double.NaN)).ToList();
    }

    private static IQueryable<RunEntity> VisibleRuns(FinSightDbContext db, AccessScope scope) =>
        scope.Apply(db.Runs.AsNoTracking()).Where(r => r.LifecycleStage == LifecycleStages.Active && r.Experiment!.LifecycleStage == LifecycleStages.Active);
}
