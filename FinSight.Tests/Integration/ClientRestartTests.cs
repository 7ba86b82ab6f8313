using FinSight.Client;
using FinSight.Core.Contracts;
using Xunit;

namespace FinSight.Tests.Integration;

public sealed class ClientRestartTests
{
    [Fact]
    public async Task FinSightClient_ServerRestartedMidRun_EveryPointStoredExactlyOnce()
    {
        await using var server = await FinSightServer.StartAsync();
        await using var client = new FinSightClient(new FinSightClientOptions
        {
            ServerUrl = server.Address, ApiKey = FinSightServer.AdminKey,
            SystemMetrics = false,
            FlushInterval = TimeSpan.FromMilliseconds(20),
            MaxBatchPoints = 200,
            MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
        });
        var run = await client.StartRunAsync("restart", "survivor", new Dictionary<string, string> { ["seed"] = "7" });
        const int steps = 6000;
        var restarted = false;

        for (var step = 0; step < steps; step++)
        {
            run.LogMetrics(new Dictionary<string, double> { ["loss"] = 1.0 / (step + 1), ["acc"] = step / (double)steps }, step);
            if (step == steps / 3)
            {
                await server.StopAsync();
            }
            if (step == steps / 2)
            {
                await server.RestartAsync();
                restarted = true;
            }
            if (step % 100 == 0) await Task.Delay(5, TestContext.Current.CancellationToken);
        }
        await run.EndAsync();

        Assert.True(restarted);
        foreach (var key in new[] { "loss", "acc" })
        {
            var history = await server.GetJsonAsync<MetricHistory>($"api/v1/runs/{run.RunId}/metric-history?key={key}");
            Assert.Equal(Enumerable.Range(0, steps).Select(i => (long)i), history.Points.Select(p => p.Step));
        }
        var details = await server.GetJsonAsync<RunDetails>($"api/v1/runs/{run.RunId}");
        Assert.Equal("FINISHED", details.Info.Status);
        Assert.Equal(steps, details.Metrics.Single(m => m.Key == "loss").Count);
    }
}
