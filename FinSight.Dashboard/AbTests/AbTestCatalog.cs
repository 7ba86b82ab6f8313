using System.Collections.Concurrent;
using System.Globalization;
using FinSight.Core.AbTesting;
using FinSight.Core.Analysis;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace FinSight.Dashboard.AbTests;

/// <summary>
/// Loads test definitions, and keeps them briefly for the hot paths (assignment answers 100,000 units a
/// second; reading the definition each time would cost more than the hashing). Changes made through this
/// process forget the entry at once; another node sees a new split within <see cref="MaxAge"/>.
/// </summary>
public sealed class AbTestCatalog(IDbContextFactory<FinSightDbContext> contexts, TimeProvider time)
{
    /// <summary>How long a cached definition is trusted.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<long, (AbTestRecord Record, long LoadedAt)> _cache = new();

    /// <summary>The test, from the cache when fresh; 404 when it does not exist.</summary>
    public async ValueTask<AbTestRecord> GetAsync(long testId, CancellationToken cancellationToken = default)
    {
        var now = time.GetTimestamp();
        if (_cache.TryGetValue(testId, out var entry) && time.GetElapsedTime(entry.LoadedAt, now) < MaxAge) return entry.Record;
        var record = await LoadAsync(testId, cancellationToken);
        _cache[testId] = (record, now);
        return record;
    }

    /// <summary>The test as stored now; 404 when it does not exist.</summary>
    public async Task<AbTestRecord> LoadAsync(long testId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var test = await db.AbTests.AsNoTracking().Include(t => t.Variants).Include(t => t.Metrics).AsSplitQuery()
            .FirstOrDefaultAsync(t => t.Id == testId, cancellationToken)
            ?? throw TrackingException.NotFound($"A/B test {testId} does not exist.");
        var experimentName = await db.Experiments.Where(e => e.Id == test.ExperimentId).Select(e => e.Name).FirstAsync(cancellationToken);
        return ToRecord(test, experimentName);
    }

    /// <summary>Forgets a cached definition after a change.</summary>
    public void Forget(long testId) => _cache.TryRemove(testId, out _);

    /// <summary>Maps a stored test (with its variants and metrics loaded) to a record.</summary>
    public static AbTestRecord ToRecord(AbTestEntity test, string experimentName)
    {
        var variants = test.Variants.OrderBy(v => v.Position).Select(v => new AbVariant(v.Name, v.Weight, v.ModelRef)).ToList();
        var metrics = test.Metrics.OrderBy(m => m.Position).Select(m => new AbMetric(
            m.Key, m.Kind == "binary" ? AbMetricKind.Binary : AbMetricKind.Continuous,
            m.Direction == "higher" ? MetricDirection.Maximize : MetricDirection.Minimize,
            m.Guardrail, m.Baseline, m.BaselineStdDev)).ToList();
        var design = new AbTestDesign(variants, test.Control, metrics, test.Alpha, test.Power, test.MinSampleSize,
            test.MinDetectableEffect, test.PlannedSampleSize);
        return new AbTestRecord(test.Id, test.ExperimentId, experimentName, test.Name, test.Hypothesis,
            AbTestStatuses.Parse(test.Status), design, test.EndsAt, test.CreatedBy, test.CreatedAt, test.StartedAt,
            test.FinishedAt, test.FinishedBy);
    }

    /// <summary>Weights stored as text: round-trip numbers, invariant culture, in variant order.</summary>
    public static string FormatWeights(IEnumerable<double> weights) =>
        string.Join(",", weights.Select(w => w.ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>Reads weights written by <see cref="FormatWeights"/>.</summary>
    public static double[] ParseWeights(string text) =>
        text.Split(',').Select(w => double.Parse(w, CultureInfo.InvariantCulture)).ToArray();
}
