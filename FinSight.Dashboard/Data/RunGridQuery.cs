using System.Linq.Expressions;
using System.Security.Claims;
using FinSight.Core.Access;
using FinSight.Core.Contracts;
using FinSight.Core.Query;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace FinSight.Dashboard.Data;

/// <summary>
/// The experiment page's runs grid, answered by the database: search, filter and sort are translated to SQL
/// and only one page of runs (plus their chosen columns) is read, so large experiments stay responsive.
/// Every query needs READ on the experiment.
/// </summary>
public sealed class RunGridQuery(IDbContextFactory<FinSightDbContext> contexts, ExperimentAccess access, TimeProvider time)
{
    /// <exception cref="TrackingException">Unknown experiment or bad paging.</exception>
    public async Task<RunGridPage> QueryAsync(ClaimsPrincipal caller, RunGridRequest request, CancellationToken cancellationToken = default)
    {
        if (request.PageIndex < 0) throw TrackingException.Invalid($"pageIndex must be 0 or more (was {request.PageIndex}).");
        if (request.PageSize is < 1 or > RunGridRequest.MaxPageSize)
            throw TrackingException.Invalid($"pageSize must be between 1 and {RunGridRequest.MaxPageSize} (was {request.PageSize}).");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = await MatchingAsync(caller, db, request, cancellationToken);
        var total = await runs.CountAsync(cancellationToken);
        var page = await Sorted(db, runs, request.Sort)
            .Skip(request.PageIndex * request.PageSize).Take(request.PageSize)
            .ToListAsync(cancellationToken);
        return new RunGridPage(await WithColumnsAsync(db, page, request.Columns, cancellationToken), total);
    }

    /// <summary>Every matching run in grid order, read a page at a time (for CSV export).</summary>
    public async IAsyncEnumerable<RunGridRow> StreamAsync(ClaimsPrincipal caller, RunGridRequest request,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        const int batch = 1000;
        for (var index = 0; ; index++)
        {
            var page = await QueryAsync(caller, request with { PageIndex = index, PageSize = batch }, cancellationToken);
            foreach (var row in page.Rows) yield return row;
            if (page.Rows.Count < batch) yield break;
        }
    }

    /// <summary>
    /// Runs of several experiments matching a filter, in a lifecycle view, sorted, as a window of the results (MLflow's
    /// runs/search). The caller must already hold READ on every experiment named. Reads one run past the window so the
    /// caller knows whether another page follows.
    /// </summary>
    public async Task<IReadOnlyList<string>> SearchRunIdsAsync(IReadOnlyList<long> experimentIds, RunFilter filter, RunGridSort sort,
        bool? deleted, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = db.Runs.Where(r => experimentIds.Contains(r.ExperimentId));
        if (deleted is { } onlyDeleted)
            runs = runs.Where(r => r.LifecycleStage == (onlyDeleted ? LifecycleStages.Deleted : LifecycleStages.Active));
        if (!filter.IsEmpty)
            runs = runs.Where(filter.ToExpression(new RunEntityFilterAccessor(db), time.GetUtcNow().ToUnixTimeMilliseconds()));
        return await Sorted(db, runs, sort).Skip(skip).Take(take).Select(r => r.RunId).ToListAsync(cancellationToken);
    }

    /// <summary>Distinct param, metric and tag keys of the experiment's active runs, sorted.</summary>
    public async Task<RunColumnKeys> ListColumnKeysAsync(ClaimsPrincipal caller, string experimentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var id = await RequireExperimentAsync(caller, db, experimentId, cancellationToken);
        var runIds = ActiveRuns(db, id).Select(r => r.RunId);
        var paramKeys = await db.Params.Where(p => runIds.Contains(p.RunId)).Select(p => p.Key).Distinct().OrderBy(k => k).ToListAsync(cancellationToken);
        var metricKeys = await db.MetricSeries.Where(s => runIds.Contains(s.RunId)).Select(s => s.Key).Distinct().OrderBy(k => k).ToListAsync(cancellationToken);
        var tagKeys = await db.Tags.Where(t => runIds.Contains(t.RunId)).Select(t => t.Key).Distinct().OrderBy(k => k).ToListAsync(cancellationToken);
        return new RunColumnKeys(paramKeys, metricKeys, tagKeys);
    }

    /// <summary>How many active runs of the experiment have each status.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountByStatusAsync(ClaimsPrincipal caller, string experimentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var id = await RequireExperimentAsync(caller, db, experimentId, cancellationToken);
        return await ActiveRuns(db, id).GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }

    private async Task<IQueryable<RunEntity>> MatchingAsync(ClaimsPrincipal caller, FinSightDbContext db, RunGridRequest request, CancellationToken cancellationToken)
    {
        var id = await RequireExperimentAsync(caller, db, request.ExperimentId, cancellationToken);
        var runs = ActiveRuns(db, id);
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            // LIKE ignores ASCII case and matches other letters exactly; folding here with ToLowerInvariant would
            // turn "Übung" into "übung", which SQLite's ASCII-only lower() never produces.
            var search = request.Search.Trim();
            var pattern = "%" + search.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            var runIdPart = search.ToLowerInvariant();
            runs = runs.Where(r => EF.Functions.Like(r.Name, pattern, "\\") || r.RunId.Contains(runIdPart));
        }
        if (!request.Filter.IsEmpty)
            runs = runs.Where(request.Filter.ToExpression(new RunEntityFilterAccessor(db), time.GetUtcNow().ToUnixTimeMilliseconds()));
        return runs;
    }

    private IQueryable<RunEntity> Sorted(FinSightDbContext db, IQueryable<RunEntity> runs, RunGridSort sort)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        IOrderedQueryable<RunEntity> ordered;
        if (sort.Field is { } field)
        {
            ordered = field.Kind == FilterFieldKind.Metric ? ByMetric(db, runs, field, sort.Descending) : ByText(db, runs, field, sort.Descending);
        }
        else
        {
            ordered = sort.Column switch
            {
                "status" => By(runs, r => r.Status, sort.Descending),
                "name" => By(runs, r => r.Name, sort.Descending),
                "owner" => Then(runs.OrderBy(r => r.Owner == null), r => r.Owner, sort.Descending),
                "end" => Then(runs.OrderBy(r => r.EndTime == null), r => r.EndTime, sort.Descending),
                "duration" => By(runs, r => (r.EndTime ?? now) - r.StartTime, sort.Descending),
                _ => By(runs, r => r.StartTime, sort.Descending),
            };
        }
        // A total order, so pages neither repeat nor skip runs that tie on the sort column.
        return ordered.ThenByDescending(r => r.StartTime).ThenBy(r => r.RunId);
    }

    /// <summary>Runs without the metric (or with NaN) come last in both directions (tied with ±infinity).</summary>
    private static IOrderedQueryable<RunEntity> ByMetric(FinSightDbContext db, IQueryable<RunEntity> runs, FilterField field, bool descending)
    {
        var key = field.Key;
        Expression<Func<RunEntity, double?>> value = field.Aggregate switch
        {
            MetricAggregate.Min => r => db.MetricSeries.Where(s => s.RunId == r.RunId && s.Key == key).Select(s => s.MinValue).FirstOrDefault(),
            MetricAggregate.Max => r => db.MetricSeries.Where(s => s.RunId == r.RunId && s.Key == key).Select(s => s.MaxValue).FirstOrDefault(),
            _ => r => db.MetricSeries.Where(s => s.RunId == r.RunId && s.Key == key).Select(s => s.LatestValue).FirstOrDefault(),
        };
        // Missing (or NaN) reads as the far end of the direction: one subquery per run instead of two.
        var last = descending ? double.NegativeInfinity : double.PositiveInfinity;
        Expression<Func<double>> end = () => last;
        var sortKey = Expression.Lambda<Func<RunEntity, double>>(Expression.Coalesce(value.Body, end.Body), value.Parameters);
        return By(runs, sortKey, descending);
    }

    /// <summary>Params and tags: missing last, numbers (by value) before other text (by text).</summary>
    private static IOrderedQueryable<RunEntity> ByText(FinSightDbContext db, IQueryable<RunEntity> runs, FilterField field, bool descending)
    {
        var key = field.Key;
        Expression<Func<RunEntity, string?>> value = field.Kind == FilterFieldKind.Tag
            ? r => db.Tags.Where(t => t.RunId == r.RunId && t.Key == key).Select(t => t.Value).FirstOrDefault()
            : r => db.Params.Where(p => p.RunId == r.RunId && p.Key == key).Select(p => p.Value).FirstOrDefault();
        var run = value.Parameters[0];
        var text = value.Body;
        var missing = Expression.Lambda<Func<RunEntity, bool>>(Expression.Equal(text, Expression.Constant(null, typeof(string))), run);
        Expression<Func<string?, bool>> notNumeric = s => EF.Functions.Glob(s!, "*[^0-9eE.+-]*");
        var isText = Expression.Lambda<Func<RunEntity, bool>>(LambdaInliner.Inline(notNumeric, text), run);
        Expression<Func<string?, double>> asNumber = s => (double)(object)s!;
        var number = Expression.Lambda<Func<RunEntity, double>>(LambdaInliner.Inline(asNumber, text), run);
        return Then(Then(Then(runs.OrderBy(missing), isText, descending), number, descending), value, descending);
    }

    private static IOrderedQueryable<RunEntity> By<TKey>(IQueryable<RunEntity> runs, Expression<Func<RunEntity, TKey>> key, bool descending) =>
        descending ? runs.OrderByDescending(key) : runs.OrderBy(key);

    private static IOrderedQueryable<RunEntity> Then<TKey>(IOrderedQueryable<RunEntity> runs, Expression<Func<RunEntity, TKey>> key, bool descending) =>
        descending ? runs.ThenByDescending(key) : runs.ThenBy(key);

    private static async Task<IReadOnlyList<RunGridRow>> WithColumnsAsync(FinSightDbContext db, List<RunEntity> page,
        IReadOnlyList<FilterField> columns, CancellationToken cancellationToken)
    {
        var ids = page.Select(r => r.RunId).ToList();
        var paramKeys = columns.Where(c => c.Kind == FilterFieldKind.Param).Select(c => c.Key).Distinct().ToList();
        var tagKeys = columns.Where(c => c.Kind == FilterFieldKind.Tag).Select(c => c.Key).Distinct().ToList();
        var metricKeys = columns.Where(c => c.Kind == FilterFieldKind.Metric).Select(c => c.Key).Distinct().ToList();
        var parameters = paramKeys.Count == 0 ? [] : await db.Params.Where(p => ids.Contains(p.RunId) && paramKeys.Contains(p.Key))
            .ToDictionaryAsync(p => (p.RunId, p.Key), p => p.Value, cancellationToken);
        var tags = tagKeys.Count == 0 ? [] : await db.Tags.Where(t => ids.Contains(t.RunId) && tagKeys.Contains(t.Key))
            .ToDictionaryAsync(t => (t.RunId, t.Key), t => t.Value, cancellationToken);
        var series = metricKeys.Count == 0 ? [] : await db.MetricSeries.Where(s => ids.Contains(s.RunId) && metricKeys.Contains(s.Key))
            .ToDictionaryAsync(s => (s.RunId, s.Key), cancellationToken);
        return page.Select(run => new RunGridRow(ToInfo(run), columns.Select(column => column.Kind switch
        {
            FilterFieldKind.Param => parameters.TryGetValue((run.RunId, column.Key), out var p) ? new RunGridValue(p, null) : RunGridValue.Missing,
            FilterFieldKind.Tag => tags.TryGetValue((run.RunId, column.Key), out var t) ? new RunGridValue(t, null) : RunGridValue.Missing,
            // A series row exists only with points, so NULL there reads back as NaN.
            FilterFieldKind.Metric => series.TryGetValue((run.RunId, column.Key), out var s)
                ? new RunGridValue(null, (column.Aggregate switch
                {
                    MetricAggregate.Min => s.MinValue,
                    MetricAggregate.Max => s.MaxValue,
                    _ => s.LatestValue,
                }) ?? double.NaN)
                : RunGridValue.Missing,
            _ => RunGridValue.Missing,
        }).ToList())).ToList();
    }

    private async Task<long> RequireExperimentAsync(ClaimsPrincipal caller, FinSightDbContext db, string experimentId, CancellationToken cancellationToken)
    {
        if (!long.TryParse(experimentId, System.Globalization.NumberStyles.None, null, out var id))
            throw TrackingException.NotFound($"Experiment {experimentId} does not exist; experiment ids are whole numbers.");
        if (!await db.Experiments.AnyAsync(e => e.Id == id && e.LifecycleStage == LifecycleStages.Active, cancellationToken))
            throw TrackingException.NotFound($"Experiment {experimentId} does not exist.");
        await access.RequireAsync(caller, id, PermissionLevel.Read, cancellationToken);
        return id;
    }

    private static IQueryable<RunEntity> ActiveRuns(FinSightDbContext db, long experimentId) =>
        db.Runs.Where(r => r.ExperimentId == experimentId && r.LifecycleStage == LifecycleStages.Active);

    private static RunInfo ToInfo(RunEntity r) =>
        new(r.RunId, r.ExperimentId.ToString(), r.Name, r.Status, r.StartTime, r.EndTime, r.Owner, r.LifecycleStage);
}
