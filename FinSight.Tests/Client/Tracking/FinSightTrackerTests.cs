using FinSight.Client;
using FinSight.Client.RunFolders;
using FinSight.Client.Sync;
using FinSight.Client.Tracking;
using FinSight.Core.Contracts;
using FinSight.Core.Tracking;
using FinSight.Tests.Integration;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit;

namespace FinSight.Tests.Client.Tracking;

public sealed class FinSightTrackerTests : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Tracker_RoundTrip_RunVisibleOnTheServer()
    {
        // Arrange
        await using var server = await FinSightServer.StartAsync();
        var model = Path.Combine(_root.Path, "model.onnx");
        await File.WriteAllTextAsync(model, "onnx bytes");
        await using var tracker = ExperimentTrackerFactory.Create(TrackerType.FinSight, new TrackerOptions
        {
            FinSight = new FinSightClientOptions { ServerUrl = server.Address, ApiKey = FinSightServer.AdminKey, SystemMetrics = false },
        });

        // Act
        await tracker.StartExperimentAsync("tracker-roundtrip");
        var runId = await tracker.StartRunAsync("gru", new Dictionary<string, string> { ["lr"] = "0.01" });
        await tracker.SetTagsAsync(new Dictionary<string, string> { ["stage"] = "dev" });
        for (var step = 0; step < 50; step++) await tracker.LogMetricAsync("loss", 1.0 / (step + 1), step);
        await tracker.LogArtifactAsync(model, "models/model.onnx");
        await tracker.EndRunAsync(RunStatus.Killed);

        // Assert
        var details = await server.GetJsonAsync<RunDetails>($"api/v1/runs/{runId}");
        Assert.Equal(("gru", "KILLED"), (details.Info.RunName, details.Info.Status));
        Assert.Equal("0.01", details.Params.Single(p => p.Key == "lr").Value);
        Assert.Equal("dev", details.Tags.Single(t => t.Key == "stage").Value);
        Assert.Equal(50, details.Metrics.Single(m => m.Key == "loss").Count);
        using var http = server.CreateHttpClient();
        Assert.Equal("onnx bytes", await http.GetStringAsync($"api/v1/runs/{runId}/artifacts/models/model.onnx"));
    }

    [Fact]
    public async Task Tracker_ServerUnreachable_SpillsToFolderThatSyncUploads()
    {
        // Arrange: nothing listens on port 1; a small buffer and a short patience.
        var spilled = new List<string>();
        var options = new FinSightClientOptions
        {
            ServerUrl = new Uri("http://127.0.0.1:1"), SystemMetrics = false, MaxBufferedPoints = 10,
            SpillDirectory = _root.Path, SpillAfter = TimeSpan.FromMilliseconds(300), Spilled = spilled.Add,
        };
        var tracker = new FinSightTracker(options);

        // Act
        await tracker.StartExperimentAsync("spilled");
        var localRunId = await tracker.StartRunAsync("offline-gru", new Dictionary<string, string> { ["lr"] = "0.02" });
        var folder = tracker.SpillFolder!;
        for (var step = 0; step < 100; step++) await tracker.LogMetricAsync("loss", step, step);
        await tracker.DisposeAsync();

        // Assert: the spill was announced and the folder is a finished run in the simple tracker's layout.
        Assert.Contains(folder, Assert.Single(spilled));
        Assert.Contains("finsight sync", spilled[0]);
        var run = RunFolderReader.Open(folder);
        Assert.Equal(("FINISHED", "0.02"), (run.Config.Status, run.Config.Params["lr"]));
        Assert.Equal(Enumerable.Range(0, 100).Select(s => (long)s), run.ReadMetrics().Select(p => p.Step));

        // And a later sync puts it on a server.
        await using var server = await FinSightServer.StartAsync();
        using var sync = new RunFolderSync(new FinSightClientOptions { ServerUrl = server.Address, ApiKey = FinSightServer.AdminKey });
        var uploaded = Assert.Single(await sync.SyncAsync(_root.Path));
        Assert.Equal(RunSyncOutcome.Uploaded, uploaded.Outcome);
        var history = await server.GetJsonAsync<MetricHistory>($"api/v1/runs/{uploaded.ServerRunId}/metric-history?key=loss");
        Assert.Equal(100, history.Points.Count);
        var details = await server.GetJsonAsync<RunDetails>($"api/v1/runs/{uploaded.ServerRunId}");
        Assert.Equal(localRunId, details.Tags.Single(t => t.Key == RunFolderSync.SourceRunTag).Value);
    }

    [Fact]
    public async Task Tracker_ServerLostMidRun_SpillsUnacknowledgedPointsAndSyncStoresEachOnce()
    {
        // Arrange
        await using var server = await FinSightServer.StartAsync();
        // A fresh server's first answers are slow on a busy machine; the spill is for a server that is gone, not a slow one.
        await using (var warmup = new HubConnectionBuilder().WithUrl(new Uri(server.Address, "hubs/ingest"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(FinSightServer.AdminKey)).Build())
        {
            await warmup.StartAsync();
            await warmup.StartRunAsync("lost");
        }
        var spilled = new List<string>();
        var tracker = new FinSightTracker(new FinSightClientOptions
        {
            ServerUrl = server.Address, ApiKey = FinSightServer.AdminKey, SystemMetrics = false,
            MaxBatchPoints = 10, MaxBufferedPoints = 50, FlushInterval = TimeSpan.FromMilliseconds(20), MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
            SpillDirectory = _root.Path, SpillAfter = TimeSpan.FromSeconds(3), Spilled = spilled.Add,
        });
        await tracker.StartExperimentAsync("lost");
        var runId = await tracker.StartRunAsync("survivor", new Dictionary<string, string> { ["lr"] = "0.1" });
        Assert.True(tracker.SpillFolder is null, string.Join(" / ", spilled));

        // Act: 100 points while the server is up, 300 after it is gone, then the end.
        for (var step = 0; step < 100; step++) await tracker.LogMetricAsync("loss", step, step);
        await server.StopAsync();
        for (var step = 100; step < 400; step++) await tracker.LogMetricAsync("loss", step, step);
        var folder = tracker.SpillFolder;
        await tracker.SetTagsAsync(new Dictionary<string, string> { ["after"] = "spill" });
        await tracker.EndRunAsync(RunStatus.Failed);
        await tracker.DisposeAsync();

        // Assert: the spill was announced, and its folder continues the server run.
        Assert.NotNull(folder);
        Assert.Contains(folder, Assert.Single(spilled));
        var local = RunFolderReader.Open(folder);
        Assert.Equal((runId, "FAILED", "0.1", "spill"), (local.Config.ServerRunId, local.Config.Status, local.Config.Params["lr"], local.Config.Tags["after"]));

        // Sync (twice) after the server is back: every point once, the run ended as recorded.
        await server.RestartAsync();
        using var sync = new RunFolderSync(new FinSightClientOptions { ServerUrl = server.Address, ApiKey = FinSightServer.AdminKey });
        Assert.Equal(RunSyncOutcome.Uploaded, Assert.Single(await sync.SyncAsync(_root.Path)).Outcome);
        Assert.Equal(RunSyncOutcome.AlreadySynced, Assert.Single(await sync.SyncAsync(_root.Path)).Outcome);
        var history = await server.GetJsonAsync<MetricHistory>($"api/v1/runs/{runId}/metric-history?key=loss");
        Assert.Equal(Enumerable.Range(0, 400).Select(s => (long)s), history.Points.Select(p => p.Step));
        var details = await server.GetJsonAsync<RunDetails>($"api/v1/runs/{runId}");
        Assert.Equal(("FAILED", local.Config.EndTime), (details.Info.Status, details.Info.EndTime));
        Assert.Equal("spill", details.Tags.Single(t => t.Key == "after").Value);
    }
}
