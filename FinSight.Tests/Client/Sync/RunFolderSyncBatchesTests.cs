using FinSight.Client.RunFolders;
using FinSight.Client.Sync;
using Xunit;

namespace FinSight.Tests.Client.Sync;

public sealed class RunFolderSyncBatchesTests
{
    private const string RunId = "0123456789abcdef0123456789abcdef";

    [Fact]
    public void Batches_SpilledPointsBetweenLocalOnes_KeepTheirBatchIdsAndTheRestIsChunked()
    {
        // Arrange: two points a client sent as batch "b1" (unacknowledged when it spilled), then 2,001 logged offline.
        List<MetricRecord> points =
        [
            new("loss", 1, 0, 10, "b1"), new("loss", 2, 1, 11, "b1"),
            .. Enumerable.Range(2, 2001).Select(s => new MetricRecord("loss", s, s, 10 + s)),
        ];

        // Act
        var batches = RunFolderSync.Batches(RunId, points).ToList();

        // Assert
        Assert.Equal(["b1", $"sync-{RunId}-0", $"sync-{RunId}-1", $"sync-{RunId}-2"], batches.Select(b => b.BatchId));
        Assert.Equal([2, 1000, 1000, 1], batches.Select(b => b.Metrics!.Count));
        Assert.Equal(Enumerable.Range(0, 2003).Select(s => (long?)s), batches.SelectMany(b => b.Metrics!).Select(p => p.Step));
    }

    [Fact]
    public void Batches_SameFileTwice_SameBatches()
    {
        // Arrange
        var points = Enumerable.Range(0, 1500).Select(s => new MetricRecord("acc", s, s, s)).ToList();

        // Act
        var first = RunFolderSync.Batches(RunId, points).Select(b => (b.BatchId, b.Metrics!.Count)).ToList();
        var second = RunFolderSync.Batches(RunId, points).Select(b => (b.BatchId, b.Metrics!.Count)).ToList();

        // Assert
        Assert.Equal(first, second);
    }
}
