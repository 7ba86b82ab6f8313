using System.Diagnostics;
using FinSight.Client;

namespace FinSight.Bench;

/// <summary>Other training runs logging at a steady total rate (10 keys per step) while something else is measured.</summary>
public sealed class BackgroundLoad : IAsyncDisposable
{
    private const int KeysPerStep = 10;

    private readonly FinSightClient _client;
    private readonly List<FinSightRun> _runs;
    private readonly Task _producers;

    private BackgroundLoad(FinSightClient client, List<FinSightRun> runs, Task producers)
    {
        _client = client;
        _runs = runs;
        _producers = producers;
    }

    public long AcknowledgedPoints => _runs.Sum(r => r.AcknowledgedPoints);

    public static async Task<BackgroundLoad> StartAsync(ServerProcess server, int pointsPerSecond, int runCount, CancellationToken stop)
    {
        var client = new FinSightClient(new FinSightClientOptions { ServerUrl = server.Address, ApiKey = server.ApiKey, SystemMetrics = false, MaxBatchPoints = 1000 });
        var runs = new List<FinSightRun>();
        for (var i = 0; i < runCount; i++) runs.Add(await client.StartRunAsync("bench-background", $"background-{i}"));
        var keys = Enumerable.Range(0, KeysPerStep).Select(k => $"metric_{k}").ToArray();
        var stepsPerSecond = pointsPerSecond / (double)KeysPerStep / runCount;
        var producers = Task.WhenAll(runs.Select((run, r) => Task.Run(async () =>
        {
            var clock = Stopwatch.StartNew();
            long step = 0;
            while (!stop.IsCancellationRequested)
            {
                // Catch up to the schedule, then sleep: a steady rate, not bursts of a second's worth.
                var due = (long)(clock.Elapsed.TotalSeconds * stepsPerSecond);
                for (; step < due; step++)
                {
                    foreach (var key in keys) run.LogMetric(key, Math.Sin(step * 0.01) + r, step);
                }
                await Task.Delay(5, CancellationToken.None);
            }
        })));
        return new BackgroundLoad(client, runs, producers);
    }

    public async ValueTask DisposeAsync()
    {
        await _producers;
        foreach (var run in _runs) await run.DisposeAsync();
        await _client.DisposeAsync();
    }
}
