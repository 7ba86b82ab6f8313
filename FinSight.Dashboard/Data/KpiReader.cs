using System.Security.Claims;
using FinSight.Core.Analysis;
using FinSight.Core.Analysis.Kpis;
using FinSight.Core.Storage;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace FinSight.Dashboard.Data;

/// <summary>
/// The team KPI page's queries, over the runs that started in a window, in experiments the caller may read.
/// Counts are grouped in SQL (per UTC day and status); only per-run numbers that need the whole set (durations
/// for a median, one metric's min/max) and one GPU chunk per run come back as rows.
/// </summary>
public sealed class KpiReader(IDbContextFactory<FinSightDbContext> contexts, ExperimentAccess access)
{
    public const int MostImprovedCount = 5;
    private const int MetricKeyLimit = 200;
    private static readonly string[] EndedStatuses = [RunStatus.Finished.ToWire(), RunStatus.Failed.ToWire(), RunStatus.Killed.ToWire()];

    public async Task<TeamKpis> SummaryAsync(ClaimsPrincipal caller, KpiWindow window, CancellationToken cancellationToken = default)
    {
        var scope = await access.ScopeAsync(caller, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = RunsIn(db, scope, window);

        var perDay = await runs.GroupBy(r => new { Day = r.StartTime / KpiWindow.DayMs, r.Status })
            .Select(g => new { g.Key.Day, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken);
        var days = KpiCalendar.Days(window, perDay.Select(d =>
            new DayOutcomes(KpiCalendar.FromEpochDay(d.Day), default(RunOutcomes).Add(StatusOf(d.Status), d.Count))));
        var outcomes = days.Aggregate(default(RunOutcomes), (sum, d) => sum + d.Outcomes);

        var experiments = await runs.Select(r => r.ExperimentId).Distinct().CountAsync(cancellationToken);
        var created = await scope.Apply(db.Experiments.AsNoTracking())
            .CountAsync(e => e.LifecycleStage == LifecycleStages.Active && e.CreationTime >= window.FromMs && e.CreationTime <= window.ToMs, cancellationToken);
        var durations = await runs.Where(r => r.EndTime != null && EndedStatuses.Contains(r.Status))
            .Select(r => r.EndTime!.Value - r.StartTime).ToListAsync(cancellationToken);

        var runIds = runs.Select(r => r.RunId);
        var keys = await db.MetricSeries.AsNoTracking()
            .Where(s => runIds.Contains(s.RunId) && !s.Key.StartsWith(MetricSelection.SystemPrefix))
            .Select(s => s.Key).Distinct().OrderBy(k => k).Take(MetricKeyLimit).ToListAsync(cancellationToken);
        var (gpuHours, gpuRuns) = await GpuHoursAsync(db, runIds, cancellationToken);

        return new TeamKpis(window, experiments, created, outcomes, DurationSummary.Of(durations), gpuHours, gpuRuns,
            days, KpiCalendar.Weeks(days), keys);
    }

    /// <summary>Best and average of <paramref name="key"/> over the window's runs (each run by its best value), and the experiments that improved most on it.</summary>
    public async Task<MetricKpis> MetricAsync(ClaimsPrincipal caller, KpiWindow window, string key, CancellationToken cancellationToken = default)
    {
        var direction = MetricDirections.Infer(key);
        var scope = await access.ScopeAsync(caller, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var series = db.MetricSeries.AsNoTracking().Where(s => s.Key == key);

        var inWindow = await RunsIn(db, scope, window)
            .Join(series, r => r.RunId, s => s.RunId, (r, s) => new { r.ExperimentId, r.StartTime, s.MinValue, s.MaxValue })
            .ToListAsync(cancellationToken);
        var values = inWindow.Select(r => (r.ExperimentId, Run: new WindowRunValue(r.StartTime,
            RunRanking.Best(direction, r.MinValue ?? double.NaN, r.MaxValue ?? double.NaN)))).ToList();
        var summary = MetricKpi.Of(key, direction, values.Select(v => v.Run.Value));

        var experimentIds = values.Select(v => v.ExperimentId).Distinct().ToList();
        // The best before the window, per experiment, aggregated in SQL: SQLite's MIN and MAX skip NULL (NaN) values.
        var before = await VisibleRuns(db, scope)
            .Where(r => r.StartTime < window.FromMs && experimentIds.Contains(r.ExperimentId))
            .Join(series, r => r.RunId, s => s.RunId, (r, s) => new { r.ExperimentId, s.MinValue, s.MaxValue })
            .GroupBy(x => x.ExperimentId)
            .Select(g => new { ExperimentId = g.Key, Min = g.Min(x => x.MinValue), Max = g.Max(x => x.MaxValue) })
            .ToDictionaryAsync(x => x.ExperimentId, x => direction == MetricDirection.Minimize ? x.Min : x.Max, cancellationToken);

        var improvements = values.GroupBy(v => v.ExperimentId)
            .Select(g => MetricImprovement.Of(g.Key, before.GetValueOrDefault(g.Key), g.Select(v => v.Run), direction))
            .OfType<ExperimentImprovement>();
        var top = MetricImprovement.Top(improvements, MostImprovedCount);
        var topIds = top.Select(i => i.ExperimentId).ToList();
        var names = await db.Experiments.AsNoTracking().Where(e => topIds.Contains(e.Id))
            .ToDictionaryAsync(e => e.Id, e => e.Name, cancellationToken);
        return new MetricKpis(summary, top.Select(i => new ImprovedExperiment(i, names.GetValueOrDefault(i.ExperimentId, ""))).ToList());
    }

    /// <summary>
    /// GPU-hours of the runs: per run, its GPU count times the span from its first to its last GPU sample. The last
    /// sample's time is each series' latest timestamp (a column); the first is in a chunk: the first point of the first
    /// chunk of the run's earliest GPU series, which the sampler's first batch created, so one blob per run rather than
    /// one per series. (A first-timestamp column on metric_series would make this one aggregate query.)
    /// </summary>
    private static async Task<(double Hours, int Runs)> GpuHoursAsync(FinSightDbContext db, IQueryable<string> runIds, CancellationToken cancellationToken)
    {
        var gpuSeries = await db.MetricSeries.AsNoTracking()
            .Where(s => runIds.Contains(s.RunId) && s.Key.StartsWith(GpuUsage.Prefix))
            .Select(s => new { s.Id, s.RunId, s.Key, s.LatestTimestamp }).ToListAsync(cancellationToken);
        var perRun = gpuSeries.Where(s => GpuUsage.GpuIndex(s.Key) is not null).GroupBy(s => s.RunId)
            .Select(g => (Gpus: GpuUsage.CountGpus(g.Select(s => s.Key)), FirstSeries: g.Min(s => s.Id), Last: g.Max(s => s.LatestTimestamp)))
            .ToList();
        if (perRun.Count == 0) return (0, 0);

        var seriesIds = perRun.Select(r => r.FirstSeries).ToList();
        var firstChunkIds = db.MetricChunks.AsNoTracking().Where(c => seriesIds.Contains(c.SeriesId)).GroupBy(c => c.SeriesId).Select(g => g.Min(c => c.Id));
        var chunks = await db.MetricChunks.AsNoTracking().Where(c => firstChunkIds.Contains(c.Id))
            .Select(c => new { c.SeriesId, c.Data }).ToListAsync(cancellationToken);
        var firstBySeries = chunks.ToDictionary(c => c.SeriesId, c => MetricChunkCodec.FirstTimestamp(c.Data));
        var hours = perRun.Sum(r => firstBySeries.TryGetValue(r.FirstSeries, out var first) ? GpuUsage.Hours(r.Gpus, first, r.Last) : 0);
        return (hours, perRun.Count);
    }

    private static IQueryable<RunEntity> RunsIn(FinSightDbContext db, AccessScope scope, KpiWindow window) =>
        VisibleRuns(db, scope).Where(r => r.StartTime >= window.FromMs && r.StartTime <= window.ToMs);

    private static IQueryable<RunEntity> VisibleRuns(FinSightDbContext db, AccessScope scope) =>
        scope.Apply(db.Runs.AsNoTracking()).Where(r => r.LifecycleStage == LifecycleStages.Active && r.Experiment!.LifecycleStage == LifecycleStages.Active);

    private static RunStatus StatusOf(string wire) => RunStatusNames.TryParse(wire, out var status) ? status : RunStatus.Running;
}
