using System.Security.Claims;
using FinSight.Core.AbTesting;
using FinSight.Core.Access;
using FinSight.Core.Analysis;
using FinSight.Core.Contracts;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FinSight.Dashboard.AbTests;

/// <summary>
/// Reads tests and analyses them. Lists are filtered in SQL to the experiments the caller can read; a
/// single test needs READ on its experiment (403 naming it otherwise).
/// </summary>
public sealed class AbTestReader(IDbContextFactory<FinSightDbContext> contexts, AbTestCatalog catalog, ExperimentAccess access, TimeProvider time)
{
    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The test's definition, lifecycle and split history. Needs READ.</summary>
    public async Task<AbTestInfo> GetAsync(ClaimsPrincipal caller, string? testId, CancellationToken cancellationToken = default) =>
        await DescribeWithHistoryAsync(await RequireReadAsync(caller, testId, cancellationToken), cancellationToken);

    /// <summary>The test and its analysis from one load and one access check: what the test page shows. Needs READ.</summary>
    public async Task<(AbTestInfo Info, AbTestResults Results)> ViewAsync(ClaimsPrincipal caller, string? testId, CancellationToken cancellationToken = default)
    {
        var test = await RequireReadAsync(caller, testId, cancellationToken);
        return (await DescribeWithHistoryAsync(test, cancellationToken), await AnalyzeAsync(test, cancellationToken));
    }

    private async Task<AbTestInfo> DescribeWithHistoryAsync(AbTestRecord test, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changes = await db.AbSplitChanges.AsNoTracking().Where(c => c.TestId == test.Id).OrderBy(c => c.Time).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var names = test.Design.Variants.Select(v => v.Name).ToArray();
        var history = changes.Select(c => new AbSplitChangeInfo(c.Time, c.ChangedBy,
            ByName(names, AbTestCatalog.ParseWeights(c.OldWeights)), ByName(names, AbTestCatalog.ParseWeights(c.NewWeights)))).ToList();
        return ToInfo(test, history);
    }

    /// <summary>The analysis as it stands: per-variant statistics, comparisons, SRM, the recommendation and the timeline. Needs READ.</summary>
    public async Task<AbTestResults> ResultsAsync(ClaimsPrincipal caller, string? testId, CancellationToken cancellationToken = default)
    {
        var test = await RequireReadAsync(caller, testId, cancellationToken);
        return await AnalyzeAsync(test, cancellationToken);
    }

    /// <summary>Every test the caller can read, newest first, with where it stands.</summary>
    public async Task<IReadOnlyList<AbTestListItem>> ListAsync(ClaimsPrincipal caller, CancellationToken cancellationToken = default)
    {
        var scope = await access.ScopeAsync(caller, cancellationToken);
        List<AbTestRecord> tests;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var visible = scope.Apply(db.Experiments.AsNoTracking()).Where(e => e.LifecycleStage == Data.Entities.LifecycleStages.Active);
            var rows = await db.AbTests.AsNoTracking().Include(t => t.Variants).Include(t => t.Metrics).AsSplitQuery()
                .Join(visible, t => t.ExperimentId, e => e.Id, (t, e) => new { Test = t, ExperimentName = e.Name })
                .OrderByDescending(x => x.Test.CreatedAt).ThenByDescending(x => x.Test.Id)
                .ToListAsync(cancellationToken);
            tests = rows.Select(r => AbTestCatalog.ToRecord(r.Test, r.ExperimentName)).ToList();
        }
        var items = new List<AbTestListItem>(tests.Count);
        foreach (var test in tests) items.Add(ToListItem(test, await AnalyzeAsync(test, cancellationToken)));
        return items;
    }

    /// <summary>The test after checking READ on its experiment, read fresh (pages show the latest split and status).</summary>
    private async Task<AbTestRecord> RequireReadAsync(ClaimsPrincipal caller, string? testId, CancellationToken cancellationToken = default)
    {
        var test = await catalog.LoadAsync(AbTestDesignValidator.TestId(testId), cancellationToken);
        await access.RequireAsync(caller, test.ExperimentId, PermissionLevel.Read, cancellationToken);
        return test;
    }

    private async Task<AbTestResults> AnalyzeAsync(AbTestRecord test, CancellationToken cancellationToken)
    {
        var data = await LoadDataAsync(test, cancellationToken);
        return AbTestAnalyzer.Analyze(test.Design, test.StatusAt(Now), data);
    }

    /// <summary>The stored sufficient statistics, with variant and metric positions turned back into names.</summary>
    private async Task<AbTestData> LoadDataAsync(AbTestRecord test, CancellationToken cancellationToken)
    {
        var variants = test.Design.Variants;
        var metrics = test.Design.Metrics;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One snapshot for the three reads: a batch commits units and totals together, and reads straddling a commit
        // would count a variant's units without its observations. Deferred: a plain BEGIN takes no write lock.
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var snapshot = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true);
        await db.Database.UseTransactionAsync(snapshot, cancellationToken);
        var totals = await db.AbMetricTotals.AsNoTracking().Where(t => t.TestId == test.Id).ToListAsync(cancellationToken);
        var dailyTotals = await db.AbDailyTotals.AsNoTracking().Where(t => t.TestId == test.Id).ToListAsync(cancellationToken);
        var dailyUnits = await db.AbDailyUnits.AsNoTracking().Where(u => u.TestId == test.Id).ToListAsync(cancellationToken);
        var units = dailyUnits.GroupBy(u => u.Variant)
            .Select(g => new AbVariantUnits(variants[g.Key].Name, g.Sum(u => u.Units))).ToList();
        return new AbTestData(
            units,
            totals.Select(t => new AbMetricTotals(variants[t.Variant].Name, metrics[t.Metric].Key, t.N, t.Sum, t.SumSquares)).ToList(),
            dailyUnits.Select(u => new AbDailyUnits(Day(u.Day), variants[u.Variant].Name, u.Units)).ToList(),
            dailyTotals.Select(t => new AbDailyTotals(Day(t.Day), variants[t.Variant].Name, metrics[t.Metric].Key, t.N, t.Sum, t.SumSquares)).ToList());
    }

    private static DateOnly Day(int daysSinceEpoch) => DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + daysSinceEpoch);

    private AbTestInfo ToInfo(AbTestRecord test, IReadOnlyList<AbSplitChangeInfo> history)
    {
        var d = test.Design;
        return new AbTestInfo(
            test.Id.ToString(), test.ExperimentId.ToString(), test.ExperimentName, test.Name, test.Hypothesis, test.StatusAt(Now).ToWire(),
            d.Control, d.Variants.Select(v => new AbVariantInfo(v.Name, v.Weight, v.ModelRef)).ToList(),
            d.Metrics.Select(m => new AbMetricInfo(m.Key, m.KindName, m.Direction.ToWire(), m.Guardrail, m.Baseline, m.BaselineStdDev)).ToList(),
            d.Alpha, d.Power, d.MinSampleSize, d.MinDetectableEffect, d.PlannedSampleSize, test.EndsAt, test.CreatedBy,
            test.CreatedAt, test.StartedAt, test.FinishedAt, test.FinishedBy, history);
    }

    /// <summary>The definition alone (after create, start, stop, end, split changes): no split history.</summary>
    public AbTestInfo Describe(AbTestRecord test) => ToInfo(test, []);

    private static AbTestListItem ToListItem(AbTestRecord test, AbTestResults results)
    {
        var primary = results.Metrics[0];
        var direction = test.Design.Primary.Direction;
        var leader = primary.Variants.Where(v => v.Mean is not null)
            .Aggregate((AbVariantResult?)null, (best, v) => best is null || direction.IsBetter(v.Mean!.Value, best.Mean!.Value) ? v : best);
        var units = test.Design.Variants.Select(v => new AbVariantUnitsInfo(v.Name,
            results.Srm.Variants.FirstOrDefault(s => s.Name == v.Name)?.Units ?? 0)).ToList();
        var significant = leader is not null && (leader.IsControl
            ? primary.Variants.Where(v => !v.IsControl).All(v => v.Worse)
            : leader.Better);
        return new AbTestListItem(test.Id.ToString(), test.ExperimentId.ToString(), test.ExperimentName, test.Name,
            results.Status, test.Design.Primary.Key, units, leader?.Name, significant, results.Srm.Flagged, results.Winner,
            results.Verdict, test.CreatedAt, test.StartedAt);
    }

    private static IReadOnlyDictionary<string, double> ByName(string[] names, double[] weights) =>
        names.Select((n, i) => (n, i)).Where(x => x.i < weights.Length).ToDictionary(x => x.n, x => weights[x.i]);
}
