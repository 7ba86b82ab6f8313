using System.Text.Json;
using FinSight.Client.RunFolders;
using FinSight.Client.Tracking;
using FinSight.Core.Tracking;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace FinSight.Tests.Client.Tracking;

public sealed class SimpleExperimentTrackerTests : IDisposable
{
    private readonly TempFolder _root = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 12, 1, 14, 30, 22, TimeSpan.Zero));

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Run_LoggedAndEnded_WritesTheSeedsLayout()
    {
        // Arrange
        var model = Path.Combine(_root.Path, "model.pth");
        await File.WriteAllBytesAsync(model, [1, 2, 3, 4]);
        var experiments = Path.Combine(_root.Path, "experiments");
        await using var tracker = new SimpleExperimentTracker(experiments, _clock);

        // Act
        await tracker.StartExperimentAsync("price-forecast");
        var runId = await tracker.StartRunAsync("lstm", new Dictionary<string, string> { ["lr"] = "0.001" }, new Dictionary<string, string> { ["team"] = "risk" });
        await tracker.LogMetricsAsync(new Dictionary<string, double> { ["loss"] = 0.9, ["acc"] = 0.5 }, step: 0);
        _clock.Advance(TimeSpan.FromSeconds(5));
        await tracker.LogMetricAsync("loss", 0.4, step: 1);
        await tracker.LogArtifactAsync(model);
        var folder = tracker.ActiveRunFolder!;
        await tracker.EndRunAsync();

        // Assert
        Assert.Equal(Path.Combine(experiments, $"{runId}_20241201_143022"), folder);
        Assert.Equal(["config.json", "metrics.json", "model.pth", "training_log.txt"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal([1, 2, 3, 4], await File.ReadAllBytesAsync(Path.Combine(folder, "model.pth")));

        using var config = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "config.json")));
        Assert.Equal(runId, config.RootElement.GetProperty("runId").GetString());
        Assert.Equal("price-forecast", config.RootElement.GetProperty("experiment").GetString());
        Assert.Equal("lstm", config.RootElement.GetProperty("runName").GetString());
        Assert.Equal("FINISHED", config.RootElement.GetProperty("status").GetString());
        Assert.Equal(_clock.GetUtcNow().ToUnixTimeMilliseconds(), config.RootElement.GetProperty("endTime").GetInt64());
        Assert.Equal("0.001", config.RootElement.GetProperty("params").GetProperty("lr").GetString());
        Assert.Equal("risk", config.RootElement.GetProperty("tags").GetProperty("team").GetString());

        var log = await File.ReadAllLinesAsync(Path.Combine(folder, "training_log.txt"));
        Assert.StartsWith("2024-12-01T14:30:22.000Z run " + runId + " started", log[0]);
        Assert.Contains(log, l => l.EndsWith("step 1 loss=0.4", StringComparison.Ordinal));
        Assert.EndsWith("run ended FINISHED", log[^1]);

        var summary = RunSummaryCsv.Read(Path.Combine(experiments, "summary.csv"));
        var row = Assert.Single(summary);
        Assert.Equal(runId, row["run_id"]);
        Assert.Equal("FINISHED", row["status"]);
        Assert.Equal("2024-12-01T14:30:22.000Z", row["start_time"]);
        Assert.Equal("0.001", row["params.lr"]);
        Assert.Equal("0.4", row["metrics.loss"]);
        Assert.Equal("0.5", row["metrics.acc"]);
    }

    [Fact]
    public async Task MetricsJson_SpecialValues_KeepsStepTimestampAndNaN()
    {
        // Arrange
        await using var tracker = new SimpleExperimentTracker(_root.Path, _clock);
        await tracker.StartExperimentAsync("e");
        await tracker.StartRunAsync();
        var started = _clock.GetUtcNow().ToUnixTimeMilliseconds();

        // Act
        await tracker.LogMetricAsync("loss", double.NaN, step: 7);
        _clock.Advance(TimeSpan.FromMilliseconds(1500));
        await tracker.LogMetricsAsync(new Dictionary<string, double> { ["hi"] = double.PositiveInfinity, ["lo"] = double.NegativeInfinity }, step: 8);
        var folder = tracker.ActiveRunFolder!;

        // Assert: the file is JSON Lines with MLflow's strings for the special values, and reads back exactly.
        var lines = await File.ReadAllLinesAsync(Path.Combine(folder, "metrics.json"));
        Assert.Equal($$"""{"key":"loss","value":"NaN","step":7,"timestamp":{{started}}}""", lines[0]);
        var points = RunFolderReader.Open(folder).ReadMetrics();
        Assert.Equal([new MetricRecord("loss", double.NaN, 7, started), new MetricRecord("hi", double.PositiveInfinity, 8, started + 1500),
            new MetricRecord("lo", double.NegativeInfinity, 8, started + 1500)], points);
    }

    [Fact]
    public async Task ReadMetrics_ProcessKilledMidLine_KeepsEveryWholeLine()
    {
        // Arrange: a run that was never ended, its last line torn.
        var tracker = new SimpleExperimentTracker(_root.Path, _clock);
        await tracker.StartExperimentAsync("e");
        await tracker.StartRunAsync();
        await tracker.LogMetricAsync("loss", 1, step: 1);
        await tracker.LogMetricAsync("loss", 2, step: 2);
        var folder = tracker.ActiveRunFolder!;
        await File.AppendAllTextAsync(Path.Combine(folder, "metrics.json"), """{"key":"loss","val""");

        // Act
        var run = RunFolderReader.Open(folder);

        // Assert
        Assert.Equal("RUNNING", run.Config.Status);
        Assert.Equal([1L, 2L], run.ReadMetrics().Select(p => p.Step));
    }

    [Fact]
    public async Task LogParams_ChangedValue_RefusedNamingTheParam()
    {
        // Arrange
        await using var tracker = new SimpleExperimentTracker(_root.Path, _clock);
        await tracker.StartExperimentAsync("e");
        await tracker.StartRunAsync(parameters: new Dictionary<string, string> { ["lr"] = "0.1" });

        // Act
        var error = await Assert.ThrowsAsync<ArgumentException>(() => tracker.LogParamsAsync(new Dictionary<string, string> { ["lr"] = "0.2" }));

        // Assert
        Assert.Contains("'lr'", error.Message);
    }

    [Fact]
    public async Task Summary_TwoRuns_OneRowEachWithTheUnionOfColumns()
    {
        // Arrange
        await using var tracker = new SimpleExperimentTracker(_root.Path, _clock);
        await tracker.StartExperimentAsync("e");

        // Act
        var first = await tracker.StartRunAsync("a", new Dictionary<string, string> { ["lr"] = "0.1" });
        await tracker.LogMetricAsync("loss", 0.5, 1);
        await tracker.EndRunAsync(RunStatus.Failed);
        var second = await tracker.StartRunAsync("b", new Dictionary<string, string> { ["depth"] = "3" });
        await tracker.EndRunAsync();

        // Assert
        var rows = RunSummaryCsv.Read(Path.Combine(_root.Path, "summary.csv"));
        Assert.Equal([first, second], rows.Select(r => r["run_id"]));
        Assert.Equal(["FAILED", "FINISHED"], rows.Select(r => r["status"]));
        Assert.Equal(["0.1", ""], rows.Select(r => r["params.lr"]));
        Assert.Equal(["", "3"], rows.Select(r => r["params.depth"]));
        Assert.Equal(["0.5", ""], rows.Select(r => r["metrics.loss"]));
    }

    [Fact]
    public async Task LogMetrics_NoRunStarted_TellsWhatToCall()
    {
        // Arrange
        await using var tracker = new SimpleExperimentTracker(_root.Path, _clock);

        // Act
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => tracker.LogMetricAsync("loss", 1, 1));

        // Assert
        Assert.Contains("StartRunAsync", error.Message);
    }
}
