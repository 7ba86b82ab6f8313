using FinSight.Core.Contracts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit;
using static FinSight.Tests.Integration.HubSession;

namespace FinSight.Tests.Integration;

public sealed class HubIngestionTests : IAsyncLifetime
{
    private FinSightServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FinSightServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task LogMetrics_ThroughHub_EveryPointReadBackOverHttp(bool messagePack)
    {
        await using var hub = _server.CreateHubConnection(messagePack);
        await hub.StartAsync();
        var run = await hub.StartRunAsync("hub-roundtrip", "r1");
        var sent = new List<MetricPointInput>();
        for (var batch = 0; batch < 3; batch++)
        {
            var points = Enumerable.Range(batch * 1000, 1000)
                .Select(i => Point(i % 2 == 0 ? "train/loss" : "val:loss", Special(i), i / 2, 1_700_000_000_000 + i))
                .ToList();
            var ack = await hub.LogMetricsAsync(run.RunId, $"b{batch}", points);
            Assert.Equal(new { BatchId = $"b{batch}", Accepted = 1000, Duplicate = false }, new { ack.BatchId, ack.Accepted, ack.Duplicate });
            sent.AddRange(points);
        }

        foreach (var key in new[] { "train/loss", "val:loss" })
        {
            var history = await _server.GetJsonAsync<MetricHistory>($"api/v1/runs/{run.RunId}/metric-history?key={Uri.EscapeDataString(key)}");
            var expected = sent.Where(p => p.Key == key).ToList();
            Assert.Equal(expected.Count, history.Points.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].Step, history.Points[i].Step);
                Assert.Equal(expected[i].Timestamp, history.Points[i].Timestamp);
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i].Value.Number), BitConverter.DoubleToInt64Bits(history.Points[i].Value));
            }
        }
        var details = await _server.GetJsonAsync<RunDetails>($"api/v1/runs/{run.RunId}");
        var trainLoss = details.Metrics.Single(m => m.Key == "train/loss");
        Assert.Equal(1500, trainLoss.Count);
        Assert.Equal(1499, trainLoss.LatestStep);
        Assert.Equal(double.NegativeInfinity, trainLoss.Min);
        Assert.Equal(double.PositiveInfinity, trainLoss.Max);
    }

    [Fact]
    public async Task LogMetrics_RepeatedBatchId_AcknowledgedAsDuplicateAndStoredOnce()
    {
        await using var hub = _server.CreateHubConnection(messagePack: true);
        await hub.StartAsync();
        var run = await hub.StartRunAsync("dedup");
        var points = Enumerable.Range(0, 10).Select(i => Point("loss", i, i)).ToList();

        var first = await hub.LogMetricsAsync(run.RunId, "same-id", points);
        var second = await hub.LogMetricsAsync(run.RunId, "same-id", points);

        Assert.False(first.Duplicate);
        Assert.True(second.Duplicate);
        Assert.Equal(10, second.Accepted);
        var history = await _server.GetJsonAsync<MetricHistory>($"api/v1/runs/{run.RunId}/metric-history?key=loss");
        Assert.Equal(10, history.Points.Count);
    }

    [Fact]
    public async Task LogMetrics_MissingStepAndTimestamp_DefaultToZeroAndServerTime()
    {
        await using var hub = _server.CreateHubConnection(messagePack: true);
        await hub.StartAsync();
        var run = await hub.StartRunAsync("defaults");
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        await hub.LogMetricsAsync(run.RunId, "b", [Point("loss", 0.5, step: null, timestamp: null)]);

        var point = Assert.Single((await _server.GetJsonAsync<MetricHistory>($"api/v1/runs/{run.RunId}/metric-history?key=loss")).Points);
        Assert.Equal(0, point.Step);
        Assert.InRange(point.Timestamp, before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    public static TheoryData<string, string> RefusedBatches => new()
    {
        { "unknown-run", "does not exist" },
        { "too-many-points", "the limit is 50 per batch" },
        { "bad-key", "points[1].key 'bad*key'" },
        { "key-too-long", "the limit is 250" },
        { "dotdot-key", "'..'" },
        { "not-a-number", "points[1].value 'abc' is not a number" },
        { "missing-value", "points[1].value is required" },
        { "missing-batch-id", "batchId is required" },
    };

    [Theory]
    [MemberData(nameof(RefusedBatches))]
    public async Task LogMetrics_BadBatch_RefusedWithMessageAndNothingStored(string rule, string expectedMessage)
    {
        await using var server = await FinSightServer.StartAsync(new() { ["Tracking:MaxPointsPerBatch"] = "50" });
        foreach (var messagePack in new[] { true, false })
        {
            await using var hub = server.CreateHubConnection(messagePack);
            await hub.StartAsync();
            var run = await hub.StartRunAsync("refusals");
            var points = new List<MetricPointInput> { Point("loss", 1, 0), Point("loss", 2, 1) };
            var runId = run.RunId;
            var batchId = "b1";
            switch (rule)
            {
                case "unknown-run": runId = new string('a', 32); break;
                case "too-many-points": points = Enumerable.Range(0, 51).Select(i => Point("loss", i, i)).ToList(); break;
                case "bad-key": points[1].Key = "bad*key"; break;
                case "key-too-long": points[1].Key = new string('k', 251); break;
                case "dotdot-key": points[1].Key = "a/../b"; break;
                case "not-a-number": points[1].Value = MetricValue.Invalid("abc"); break;
                case "missing-value": points[1].Value = default; break;
                case "missing-batch-id": batchId = ""; break;
            }

            var error = await Assert.ThrowsAsync<HubException>(() => hub.LogMetricsAsync(runId, batchId, points));

            Assert.Contains(expectedMessage, error.Message);
            var details = await server.GetJsonAsync<RunDetails>($"api/v1/runs/{run.RunId}");
            Assert.Empty(details.Metrics);
        }
    }

    [Fact]
    public async Task LogParams_ChangedValue_RefusedAndFirstValueKept()
    {
        await using var hub = _server.CreateHubConnection(messagePack: true);
        await hub.StartAsync();
        var run = await hub.StartRunAsync("params", parameters: [new("lr", "0.001")]);

        await hub.InvokeAsync("LogParams", new LogParamsRequest { RunId = run.RunId, Params = [new("lr", "0.001"), new("layers", "4")] });
        var error = await Assert.ThrowsAsync<HubException>(() =>
            hub.InvokeAsync("LogParams", new LogParamsRequest { RunId = run.RunId, Params = [new("optimizer", "adam"), new("lr", "0.01")] }));

        Assert.Contains("Param 'lr'", error.Message);
        Assert.Contains("cannot change", error.Message);
        var details = await _server.GetJsonAsync<RunDetails>($"api/v1/runs/{run.RunId}");
        Assert.Equal(["layers=4", "lr=0.001"], details.Params.Select(p => $"{p.Key}={p.Value}"));
    }

    [Fact]
    public async Task LogMetrics_MalformedPayload_RefusedAndConnectionStaysUsable()
    {
        await using var hub = _server.CreateHubConnection(messagePack: false);
        await hub.StartAsync();
        var run = await hub.StartRunAsync("malformed");

        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<BatchAck>("LogMetrics", "not a batch"));

        var ack = await hub.LogMetricsAsync(run.RunId, "ok", [Point("loss", 1, 0)]);
        Assert.Equal(1, ack.Accepted);
    }

    [Fact]
    public async Task EndRun_WithStatus_RunShowsStatusAndEndTime()
    {
        await using var hub = _server.CreateHubConnection(messagePack: true);
        await hub.StartAsync();
        var run = await hub.StartRunAsync("lifecycle");

        await hub.InvokeAsync("SetTags", new SetTagsRequest { RunId = run.RunId, Tags = [new("team", "fx"), new("team", "rates")] });
        await hub.InvokeAsync("EndRun", new EndRunRequest { RunId = run.RunId, Status = "FAILED" });
        var badStatus = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("EndRun", new EndRunRequest { RunId = run.RunId, Status = "DONE" }));

        var details = await _server.GetJsonAsync<RunDetails>($"api/v1/runs/{run.RunId}");
        Assert.Equal("FAILED", details.Info.Status);
        Assert.NotNull(details.Info.EndTime);
        Assert.Equal("rates", Assert.Single(details.Tags).Value);
        Assert.Contains("FINISHED, FAILED or KILLED", badStatus.Message);
    }

    private static double Special(int i) => (i % 97) switch
    {
        10 => double.NaN,
        20 => double.PositiveInfinity,
        30 => double.NegativeInfinity,
        _ => Math.Sin(i) * 1e3,
    };
}
