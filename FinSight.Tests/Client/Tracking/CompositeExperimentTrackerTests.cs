using FinSight.Client.RunFolders;
using FinSight.Client.Tracking;
using FinSight.Client.Tracking.Mlflow;
using Xunit;

namespace FinSight.Tests.Client.Tracking;

public sealed class CompositeExperimentTrackerTests : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Log_TwoSimpleTrackers_BothWriteTheRun()
    {
        // Arrange
        var first = new SimpleExperimentTracker(Path.Combine(_root.Path, "a"));
        var second = new SimpleExperimentTracker(Path.Combine(_root.Path, "b"));
        await using var composite = new CompositeExperimentTracker([first, second]);

        // Act
        await composite.StartExperimentAsync("e");
        await composite.StartRunAsync("both", new Dictionary<string, string> { ["lr"] = "0.1" });
        await composite.LogMetricsAsync(new Dictionary<string, double> { ["loss"] = 0.3 }, step: 4);
        var folders = new[] { first.ActiveRunFolder!, second.ActiveRunFolder! };
        await composite.EndRunAsync();

        // Assert
        foreach (var folder in folders)
        {
            var run = RunFolderReader.Open(folder);
            Assert.Equal("FINISHED", run.Config.Status);
            Assert.Equal("0.1", run.Config.Params["lr"]);
            var point = Assert.Single(run.ReadMetrics());
            Assert.Equal(("loss", 0.3, 4L), (point.Key, point.Value, point.Step));
        }
    }

    [Fact]
    public async Task Log_OneTrackerFails_OthersStillLogAndTheFailureIsThrownNamingIt()
    {
        // Arrange: an MLflow server that is not there (nothing listens on port 1).
        var local = new SimpleExperimentTracker(_root.Path);
        var unreachable = new MlflowExperimentTracker(new MlflowTrackerOptions { TrackingUri = new Uri("http://127.0.0.1:1") });
        var composite = new CompositeExperimentTracker([local, unreachable]);

        // Act
        var error = await Assert.ThrowsAsync<AggregateException>(() => composite.StartExperimentAsync("e"));
        await local.StartRunAsync();
        await local.LogMetricAsync("loss", 1, 1);
        await local.EndRunAsync();

        // Assert
        var failure = Assert.IsType<TrackerFailedException>(Assert.Single(error.InnerExceptions));
        Assert.Same(unreachable, failure.Tracker);
        Assert.Contains("MlflowExperimentTracker", error.Message);
        Assert.Single(RunSummaryCsv.Read(Path.Combine(_root.Path, "summary.csv")));
        await unreachable.DisposeAsync();
    }
}
