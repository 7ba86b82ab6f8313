using FinSight.Client.Tracking;
using FinSight.Client.Tracking.Mlflow;
using FinSight.Core.Contracts;
using FinSight.Core.Tracking;
using FinSight.Tests.Integration;
using Xunit;

namespace FinSight.Tests.Client.Tracking;

/// <summary>The MLflow tracker against FinSight's own MLflow API: what it logs is what FinSight's API and dashboard read.</summary>
public sealed class MlflowExperimentTrackerTests : IAsyncLifetime
{
    private FinSightServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FinSightServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Tracker_RoundTripThroughFinSightsMlflowApi_RunReadableThroughFinSight()
    {
        // Arrange: more metrics and params in one call than one MLflow log-batch may carry.
        await using var tracker = ExperimentTrackerFactory.Create(TrackerType.Mlflow, new TrackerOptions
        {
            Mlflow = new MlflowTrackerOptions { TrackingUri = _server.Address, Token = FinSightServer.AdminKey },
        });
        var parameters = Enumerable.Range(0, 150).ToDictionary(i => $"p{i:000}", i => i.ToString());
        var wide = Enumerable.Range(0, 1200).ToDictionary(i => $"m{i:0000}", i => (double)i);

        // Act
        await tracker.StartExperimentAsync("mlflow-roundtrip");
        var runId = await tracker.StartRunAsync("xgb", parameters, new Dictionary<string, string> { ["stage"] = "dev" });
        await tracker.LogMetricsAsync(wide, step: 0);
        for (var step = 1; step <= 20; step++) await tracker.LogMetricAsync("loss", step == 5 ? double.NaN : 1.0 / step, step);
        await tracker.LogMetricAsync("edge", double.PositiveInfinity, 21);
        await tracker.EndRunAsync(RunStatus.Failed);

        // Assert
        var details = await _server.GetJsonAsync<RunDetails>($"api/v1/runs/{runId}");
        Assert.Equal(("xgb", "FAILED"), (details.Info.RunName, details.Info.Status));
        Assert.NotNull(details.Info.EndTime);
        Assert.Equal(150, details.Params.Count);
        Assert.Equal("dev", details.Tags.Single(t => t.Key == "stage").Value);
        Assert.Equal(1200 + 2, details.Metrics.Count);
        Assert.Equal(double.PositiveInfinity, details.Metrics.Single(m => m.Key == "edge").Latest);
        var loss = await _server.GetJsonAsync<MetricHistory>($"api/v1/runs/{runId}/metric-history?key=loss");
        Assert.Equal(Enumerable.Range(1, 20).Select(s => (long)s), loss.Points.Select(p => p.Step));
        Assert.True(double.IsNaN(loss.Points[4].Value));
        // The experiment page lists it.
        var experiment = (await _server.GetJsonAsync<List<ExperimentInfo>>("api/v1/experiments")).Single(e => e.Name == "mlflow-roundtrip");
        Assert.Equal(runId, Assert.Single(await _server.GetJsonAsync<List<RunInfo>>($"api/v1/experiments/{experiment.ExperimentId}/runs")).RunId);
    }

    [Fact]
    public async Task LogArtifact_ThroughTheArtifactProxy_DownloadableFromTheRun()
    {
        // Arrange
        using var local = new TempFolder();
        var folder = Path.Combine(local.Path, "ckpt");
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        await File.WriteAllTextAsync(Path.Combine(folder, "weights.bin"), "w");
        await File.WriteAllTextAsync(Path.Combine(folder, "sub", "notes.txt"), "n");
        await using var tracker = new MlflowExperimentTracker(new MlflowTrackerOptions { TrackingUri = _server.Address, Token = FinSightServer.AdminKey });
        await tracker.StartExperimentAsync("mlflow-artifacts");
        var runId = await tracker.StartRunAsync();

        // Act
        await tracker.LogArtifactAsync(folder, "model");

        // Assert
        using var http = _server.CreateHttpClient();
        Assert.Equal("w", await http.GetStringAsync($"api/v1/runs/{runId}/artifacts/model/weights.bin"));
        Assert.Equal("n", await http.GetStringAsync($"api/v1/runs/{runId}/artifacts/model/sub/notes.txt"));
    }

    [Fact]
    public async Task StartExperiment_Existing_ReusesIt()
    {
        // Arrange
        await using var first = new MlflowExperimentTracker(new MlflowTrackerOptions { TrackingUri = _server.Address, Token = FinSightServer.AdminKey });
        await first.StartExperimentAsync("shared");

        // Act: HTTP Basic with the API key as the password, as MLflow clients send it.
        await using var second = new MlflowExperimentTracker(new MlflowTrackerOptions
        {
            TrackingUri = _server.Address, Username = FinSightServer.AdminEmail, Password = FinSightServer.AdminKey,
        });
        await second.StartExperimentAsync("shared");

        // Assert
        Assert.Equal(first.ExperimentId, second.ExperimentId);
    }

    [Fact]
    public async Task LogParams_ChangedValue_ThrowsMlflowsErrorCodeAndMessage()
    {
        // Arrange
        await using var tracker = new MlflowExperimentTracker(new MlflowTrackerOptions { TrackingUri = _server.Address, Token = FinSightServer.AdminKey });
        await tracker.StartExperimentAsync("errors");
        await tracker.StartRunAsync(parameters: new Dictionary<string, string> { ["lr"] = "0.1" });

        // Act
        var error = await Assert.ThrowsAsync<MlflowApiException>(() => tracker.LogParamsAsync(new Dictionary<string, string> { ["lr"] = "0.2" }));

        // Assert
        Assert.Equal("INVALID_PARAMETER_VALUE", error.ErrorCode);
        Assert.Contains("lr", error.ServerMessage);
    }

    [Fact]
    public async Task StartExperiment_WrongToken_ThrowsUnauthenticated()
    {
        // Arrange
        await using var tracker = new MlflowExperimentTracker(new MlflowTrackerOptions { TrackingUri = _server.Address, Token = "fsk_wrong" });

        // Act
        var error = await Assert.ThrowsAsync<MlflowApiException>(() => tracker.StartExperimentAsync("x"));

        // Assert
        Assert.Equal(401, (int)error.StatusCode);
    }
}
