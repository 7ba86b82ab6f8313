using FinSight.Core.Contracts;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Ingestion;
using FinSight.Tests.Integration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FinSight.Tests.Components.Pages.Kpis;

/// <summary>
/// Experiments and runs at chosen times before <see cref="Now"/>, written through the real ingestion service (metrics
/// with explicit timestamps, end times as given) as the admin; only the start and creation times, which the server
/// takes from its own clock, are set afterwards in the database.
/// </summary>
public sealed class KpiSeed(FinSightServer server)
{
    /// <summary>The KPI page's "now" in these tests (a Monday).</summary>
    public static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private IngestionService Ingestion => server.Services.GetRequiredService<IngestionService>();

    public async Task<string> ExperimentAsync(string name, TimeSpan createdAgo)
    {
        var experiment = await Ingestion.GetOrCreateExperimentAsync(server.Admin, name);
        var id = long.Parse(experiment.ExperimentId);
        var created = (Now - createdAgo).ToUnixTimeMilliseconds();
        await UpdateAsync(db => db.Experiments.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.CreationTime, created)));
        return experiment.ExperimentId;
    }

    /// <summary>
    /// A run that started <paramref name="startedAgo"/> before <see cref="Now"/> and ended <paramref name="ranFor"/> later with
    /// <paramref name="status"/> (still running when null). It logs <paramref name="metrics"/> one value per step, and for
    /// <paramref name="gpus"/> GPUs two system metrics each, sampled 5 minutes after the start and <paramref name="gpuSpan"/> later.
    /// </summary>
    public async Task<string> RunAsync(string experimentId, string name, TimeSpan startedAgo, TimeSpan? ranFor, RunStatus status = RunStatus.Finished,
        (string Key, double[] Values)[]? metrics = null, int gpus = 0, TimeSpan gpuSpan = default)
    {
        var start = Now - startedAgo;
        var run = await Ingestion.StartRunAsync(server.Admin, new StartRunRequest { ExperimentId = experimentId, RunName = name });
        var points = new List<MetricPointInput>();
        foreach (var (key, values) in metrics ?? [])
        {
            for (var step = 0; step < values.Length; step++)
                points.Add(new MetricPointInput { Key = key, Value = values[step], Step = step, Timestamp = (start + TimeSpan.FromMinutes(step)).ToUnixTimeMilliseconds() });
        }
        var firstSample = start + TimeSpan.FromMinutes(5);
        for (var gpu = 0; gpu < gpus; gpu++)
        {
            foreach (var metric in new[] { "utilization", "memory_used_gb" })
            {
                points.Add(new MetricPointInput { Key = $"system/gpu/{gpu}/{metric}", Value = 50, Step = 0, Timestamp = firstSample.ToUnixTimeMilliseconds() });
                points.Add(new MetricPointInput { Key = $"system/gpu/{gpu}/{metric}", Value = 60, Step = 1, Timestamp = (firstSample + gpuSpan).ToUnixTimeMilliseconds() });
            }
        }
        if (points.Count > 0)
            await Ingestion.LogMetricsAsync(server.Admin, new MetricBatch { RunId = run.RunId, BatchId = Guid.NewGuid().ToString("N"), Points = points });
        if (ranFor is { } duration)
            await Ingestion.EndRunAsync(server.Admin, new EndRunRequest { RunId = run.RunId, Status = status.ToWire(), EndTime = (start + duration).ToUnixTimeMilliseconds() });
        var startMs = start.ToUnixTimeMilliseconds();
        await UpdateAsync(db => db.Runs.Where(r => r.RunId == run.RunId).ExecuteUpdateAsync(s => s.SetProperty(r => r.StartTime, startMs)));
        return run.RunId;
    }

    /// <summary>Logs <c>utilization</c> of GPUs 0 to <paramref name="gpus"/> − 1 at each of <paramref name="times"/>, one batch (so one chunk) per time.</summary>
    public async Task GpuSamplesAsync(string runId, int gpus, params DateTimeOffset[] times)
    {
        for (var sample = 0; sample < times.Length; sample++)
        {
            var points = Enumerable.Range(0, gpus).Select(gpu => new MetricPointInput
            {
                Key = $"system/gpu/{gpu}/utilization", Value = 40 + sample, Step = sample, Timestamp = times[sample].ToUnixTimeMilliseconds(),
            }).ToList();
            await Ingestion.LogMetricsAsync(server.Admin, new MetricBatch { RunId = runId, BatchId = Guid.NewGuid().ToString("N"), Points = points });
        }
    }

    private async Task UpdateAsync(Func<FinSightDbContext, Task<int>> update)
    {
        await using var db = await server.Services.GetRequiredService<IDbContextFactory<FinSightDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await update(db));
    }
}
