using FinSight.Client;
using FinSight.Client.RunFolders;
using FinSight.Client.Sync;
using FinSight.Client.Tracking;
using FinSight.Core.Contracts;
using FinSight.Core.Tracking;
using FinSight.Tests.Client.Tracking;
using FinSight.Tests.Integration;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace FinSight.Tests.Client.Sync;

public sealed class RunFolderSyncTests : IAsyncLifetime
{
    private readonly TempFolder _root = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 12, 1, 14, 30, 22, TimeSpan.Zero));

    private long Start => new DateTimeOffset(2024, 12, 1, 14, 30, 22, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private FinSightServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FinSightServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _root.Dispose();
    }

    [Fact]
    public async Task Sync_Twice_StoresTheRunAndEveryPointExactlyOnce()
    {
        // Arrange: 2,500 points (three batches), a NaN, an artifact, a FAILED end.
        var (folder, localRunId, endTime) = await LogOfflineRunAsync(steps: 1250, status: RunStatus.Failed);

        // Act
        var first = await SyncAsync();
        var second = await SyncAsync();

        // Assert
        var uploaded = Assert.Single(first);
        Assert.Equal(RunSyncOutcome.Uploaded, uploaded.Outcome);
        Assert.Equal((2500L, 2, 1), (uploaded.Points, uploaded.Params, uploaded.Artifacts));
        Assert.Equal(RunSyncOutcome.AlreadySynced, Assert.Single(second).Outcome);
        await AssertServerHasRunOnceAsync(localRunId, uploaded.ServerRunId!, endTime);
        Assert.True(File.Exists(Path.Combine(folder, RunFolderLayout.SyncMarkerFile)));
    }

    [Fact]
    public async Task Sync_MarkerLost_FindsTheServerRunInsteadOfCreatingAnother()
    {
        // Arrange
        var (folder, localRunId, endTime) = await LogOfflineRunAsync(steps: 600, status: RunStatus.Finished);
        var serverRunId = Assert.Single(await SyncAsync()).ServerRunId!;
        File.Delete(Path.Combine(folder, RunFolderLayout.SyncMarkerFile));

        // Act
        var again = Assert.Single(await SyncAsync());

        // Assert
        Assert.Equal((RunSyncOutcome.AlreadySynced, serverRunId), (again.Outcome, again.ServerRunId));
        await AssertServerHasRunOnceAsync(localRunId, serverRunId, endTime, steps: 600);
    }

    [Fact]
    public async Task Sync_InterruptedAfterSomeBatches_ResumesWithoutDuplicates()
    {
        // Arrange: a sync that created the server run and sent the first batch, then died (marker not completed).
        var (folder, localRunId, endTime) = await LogOfflineRunAsync(steps: 1250, status: RunStatus.Finished);
        var points = RunFolderReader.Open(folder).ReadMetrics();
        using var http = _server.CreateHttpClient();
        var experimentId = (await PostAsync<ExperimentInfo>(http, "api/v1/experiments", new CreateExperimentRequest { Name = "offline" })).ExperimentId;
        var started = await PostAsync<StartRunResult>(http, "api/v1/runs", new StartRunRequest
        {
            ExperimentId = experimentId, RunName = "lstm", StartTime = Start, Tags = [new KeyValueEntry(RunFolderSync.SourceRunTag, localRunId)],
        });
        await PostAsync<BatchAck>(http, $"api/v1/runs/{started.RunId}/log-batch", new LogBatchRequest
        {
            BatchId = $"sync-{localRunId}-0",
            Metrics = [.. points.Take(RunFolderSync.ChunkPoints).Select(p => new MetricPointInput { Key = p.Key, Value = p.Value, Step = p.Step, Timestamp = p.Timestamp })],
        });

        // Act: no marker at all, so the run is found by its tag; the first batch's id is already stored.
        var resumed = Assert.Single(await SyncAsync());

        // Assert
        Assert.Equal((RunSyncOutcome.Uploaded, started.RunId), (resumed.Outcome, resumed.ServerRunId));
        await AssertServerHasRunOnceAsync(localRunId, started.RunId, endTime);
    }

    [Fact]
    public async Task Sync_RunNotEnded_SkippedUnlessUnfinishedIncluded()
    {
        // Arrange: a run whose process died (never ended).
        var tracker = new SimpleExperimentTracker(_root.Path, _clock);
        await tracker.StartExperimentAsync("offline");
        await tracker.StartRunAsync("crashed");
        await tracker.LogMetricAsync("loss", 1, 1);
        _clock.Advance(TimeSpan.FromSeconds(3));
        await tracker.LogMetricAsync("loss", 2, 2);

        // Act
        var skipped = Assert.Single(await SyncAsync());
        var included = Assert.Single(await SyncAsync(includeUnfinished: true));

        // Assert
        Assert.Equal(RunSyncOutcome.Skipped, skipped.Outcome);
        Assert.Contains("RUNNING", skipped.Message);
        Assert.Equal(RunSyncOutcome.Uploaded, included.Outcome);
        var details = await _server.GetJsonAsync<RunDetails>($"api/v1/runs/{included.ServerRunId}");
        Assert.Equal("KILLED", details.Info.Status);
        Assert.Equal(_clock.GetUtcNow().ToUnixTimeMilliseconds(), details.Info.EndTime);
    }

    [Fact]
    public async Task Sync_WrongApiKey_FailsWithTheReasonAndUploadsNothing()
    {
        // Arrange
        await LogOfflineRunAsync(steps: 10, status: RunStatus.Finished);
        using var sync = new RunFolderSync(new FinSightClientOptions { ServerUrl = _server.Address, ApiKey = "fsk_wrong" });

        // Act
        var failed = Assert.Single(await sync.SyncAsync(_root.Path));

        // Assert
        Assert.Equal(RunSyncOutcome.Failed, failed.Outcome);
        Assert.Contains("401", failed.Message);
        Assert.DoesNotContain(await _server.GetJsonAsync<List<ExperimentInfo>>("api/v1/experiments"), e => e.Name == "offline");
    }

    private async Task<IReadOnlyList<RunSyncResult>> SyncAsync(bool includeUnfinished = false)
    {
        using var sync = new RunFolderSync(new FinSightClientOptions { ServerUrl = _server.Address, ApiKey = FinSightServer.AdminKey }, includeUnfinished: includeUnfinished);
        return await sync.SyncAsync(_root.Path);
    }

    /// <summary>Logs loss and acc at each step, one second apart, plus a NaN at step 3 and a model file.</summary>
    private async Task<(string Folder, string RunId, long EndTime)> LogOfflineRunAsync(int steps, RunStatus status)
    {
        await using var tracker = new SimpleExperimentTracker(_root.Path, _clock);
        await tracker.StartExperimentAsync("offline");
        var runId = await tracker.StartRunAsync("lstm", new Dictionary<string, string> { ["lr"] = "0.01", ["layers"] = "2" });
        for (var step = 0; step < steps; step++)
        {
            await tracker.LogMetricsAsync(new Dictionary<string, double> { ["loss"] = step == 3 ? double.NaN : 1.0 / (step + 1), ["acc"] = step }, step);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }
        var model = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".pth");
        await File.WriteAllTextAsync(model, "weights");
        await tracker.LogArtifactAsync(model, "model.pth");
        File.Delete(model);
        var folder = tracker.ActiveRunFolder!;
        await tracker.EndRunAsync(status);
        return (folder, runId, _clock.GetUtcNow().ToUnixTimeMilliseconds());
    }

    private async Task AssertServerHasRunOnceAsync(string localRunId, string serverRunId, long endTime, int steps = 1250)
    {
        var experiment = (await _server.GetJsonAsync<List<ExperimentInfo>>("api/v1/experiments")).Single(e => e.Name == "offline");
        var run = Assert.Single(await _server.GetJsonAsync<List<RunInfo>>($"api/v1/experiments/{experiment.ExperimentId}/runs"));
        Assert.Equal(serverRunId, run.RunId);
        var start = Start;
        Assert.Equal(("lstm", start, endTime), (run.RunName, run.StartTime, run.EndTime));
        var details = await _server.GetJsonAsync<RunDetails>($"api/v1/runs/{serverRunId}");
        Assert.Equal(localRunId, details.Tags.Single(t => t.Key == RunFolderSync.SourceRunTag).Value);
        Assert.Equal(["layers=2", "lr=0.01"], details.Params.Select(p => $"{p.Key}={p.Value}").Order());
        var loss = await _server.GetJsonAsync<MetricHistory>($"api/v1/runs/{serverRunId}/metric-history?key=loss");
        Assert.Equal(Enumerable.Range(0, steps).Select(s => (long)s), loss.Points.Select(p => p.Step));
        Assert.Equal(Enumerable.Range(0, steps).Select(s => start + s * 1000L), loss.Points.Select(p => p.Timestamp));
        Assert.True(double.IsNaN(loss.Points[3].Value));
        using var http = _server.CreateHttpClient();
        Assert.Equal("weights", await http.GetStringAsync($"api/v1/runs/{serverRunId}/artifacts/model.pth"));
    }

    private static async Task<T> PostAsync<T>(HttpClient http, string path, object body)
    {
        using var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, path, body, FinSightServer.Json);
        response.EnsureSuccessStatusCode();
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<T>(response.Content, FinSightServer.Json))!;
    }
}
