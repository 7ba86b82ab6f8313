using System.Security.Claims;
using FinSight.Core.Analysis;
using FinSight.Core.Analysis.Hyperparameters;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Configuration;
using FinSight.Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinSight.Dashboard.Data;

/// <summary>
/// Reads an experiment's finished runs (params and the target's summary) and hands them to
/// <see cref="HyperparameterAnalyzer"/>. Every call needs READ on the experiment (404 before 403, as elsewhere).
/// </summary>
public sealed class HyperparameterReader(IDbContextFactory<FinSightDbContext> contexts, TrackingReader tracking, IOptions<HyperparameterOptions> options)
{
    private static readonly string Finished = RunStatus.Finished.ToWire();

    /// <summary>The share of runs, best first, that define the optimal ranges (configuration).</summary>
    public double BestFraction => options.Value.BestFraction;

    /// <summary>The metric keys the experiment's active runs logged, system metrics last.</summary>
    public async Task<IReadOnlyList<string>> ListTargetsAsync(ClaimsPrincipal caller, string experimentId, CancellationToken cancellationToken = default)
    {
        var id = await RequireAsync(caller, experimentId, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await KeysAsync(db, id, cancellationToken);
    }

    /// <summary>
    /// The target an analysis starts with: the validation loss when the runs log one (what tuning optimizes), else the
    /// experiment's main metric (<see cref="MainMetric"/>); null when no run logged anything but system metrics.
    /// </summary>
    public static string? DefaultTarget(IReadOnlyList<string> keys) =>
        MetricSelection.LossKeys(keys).FirstOrDefault(k => k.StartsWith("val", StringComparison.OrdinalIgnoreCase) || k.Contains("/val", StringComparison.OrdinalIgnoreCase))
        ?? MainMetric.Choose(keys);

    /// <summary>
    /// Analyses the experiment's finished runs for <see cref="HyperparameterQuery.Target"/>.
    /// </summary>
    /// <exception cref="TrackingException">Unknown experiment (404), no READ (403), or a target no run logged (400, listing the keys there are).</exception>
    public async Task<HyperparameterReport> AnalyzeAsync(ClaimsPrincipal caller, string experimentId, HyperparameterQuery query, CancellationToken cancellationToken = default)
    {
        var id = await RequireAsync(caller, experimentId, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var target = query.Target;
        if (!await ActiveRuns(db, id).AnyAsync(r => db.MetricSeries.Any(s => s.RunId == r.RunId && s.Key == target), cancellationToken))
        {
            var keys = await KeysAsync(db, id, cancellationToken);
            throw TrackingException.Invalid(keys.Count == 0
                ? $"target: no run of experiment {experimentId} logged a metric yet, so there is no '{target}' to analyse."
                : $"target: no run of experiment {experimentId} logged a metric '{target}'; its metrics are: {string.Join(", ", keys)}.");
        }
        var direction = query.Direction
            ?? ((await tracking.GetMetricDirectionsAsync(caller, experimentId, cancellationToken)).TryGetValue(target, out var saved) ? saved : MetricDirections.Infer(target));

        var finished = ActiveRuns(db, id).Where(r => r.Status == Finished);
        var runs = await finished.OrderBy(r => r.StartTime).ThenBy(r => r.RunId).Select(r => new { r.RunId, r.Name }).ToListAsync(cancellationToken);
        var parameters = (await db.Params.Where(p => finished.Select(r => r.RunId).Contains(p.RunId)).ToListAsync(cancellationToken)).ToLookup(p => p.RunId);
        var summaries = await db.MetricSeries.Where(s => s.Key == target && finished.Select(r => r.RunId).Contains(s.RunId))
            .ToDictionaryAsync(s => s.RunId, cancellationToken);
        var analysed = runs.Select(r => new HyperparameterRun(r.RunId, r.Name,
                parameters[r.RunId].ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
                summaries.TryGetValue(r.RunId, out var s) ? Value(s, query.Aggregate, direction) : null))
            .ToList();
        var settings = options.Value.ToSettings();
        // Training a forest takes a fraction of a second: off the caller's thread (a page's circuit stays responsive).
        var analysis = await Task.Run(() => HyperparameterAnalyzer.Analyze(target, direction, query.Aggregate, analysed, settings), cancellationToken);
        return new HyperparameterReport(analysis, analysed);
    }

    // SQLite keeps NaN as NULL: a series row exists only with points, so NULL reads back as NaN (left out, and counted).
    private static double Value(MetricSeriesEntity s, MetricAggregate aggregate, MetricDirection direction) =>
        aggregate == MetricAggregate.Last
            ? s.LatestValue ?? double.NaN
            : RunRanking.Best(direction, s.MinValue ?? double.NaN, s.MaxValue ?? double.NaN);

    private async Task<long> RequireAsync(ClaimsPrincipal caller, string experimentId, CancellationToken cancellationToken) =>
        long.Parse((await tracking.GetExperimentAsync(caller, experimentId, cancellationToken)).ExperimentId, System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<IReadOnlyList<string>> KeysAsync(FinSightDbContext db, long experimentId, CancellationToken cancellationToken)
    {
        var keys = await db.MetricSeries.Where(s => ActiveRuns(db, experimentId).Select(r => r.RunId).Contains(s.RunId))
            .Select(s => s.Key).Distinct().ToListAsync(cancellationToken);
        return keys.OrderBy(MetricSelection.IsSystem).ThenBy(k => k, StringComparer.Ordinal).ToList();
    }

    private static IQueryable<RunEntity> ActiveRuns(FinSightDbContext db, long experimentId) =>
        db.Runs.Where(r => r.ExperimentId == experimentId && r.LifecycleStage == LifecycleStages.Active);
}
