using FinSight.Core.Live;
using FinSight.Core.Storage;
using Xunit;

namespace FinSight.Tests.Core.Live;

public class LiveSeriesBufferTests
{
    private static MetricPoint[] Points(int from, int count) =>
        Enumerable.Range(from, count).Select(i => new MetricPoint(i, 10L * i, i / 10.0)).ToArray();

    [Fact]
    public void Append_UpToCapacity_HoldsEveryPoint()
    {
        // Arrange
        var buffer = new LiveSeriesBuffer();

        // Act
        foreach (var p in Points(0, 1000)) buffer.Append([p]);

        // Assert
        Assert.Equal(1000, buffer.Count);
        Assert.Equal(Points(0, 1000), buffer.Snapshot());
    }

    [Fact]
    public void Append_OneOverCapacity_KeepsExactlyNewest500()
    {
        // Arrange
        var buffer = new LiveSeriesBuffer();
        buffer.Append(Points(0, 1000));

        // Act
        buffer.Append(Points(1000, 1));

        // Assert
        Assert.Equal(500, buffer.Count);
        Assert.Equal(Points(501, 500), buffer.Snapshot());
    }

    [Fact]
    public void Append_OneAtATimePastCapacity_TrimsOnlyOnOverflow()
    {
        // Arrange
        var buffer = new LiveSeriesBuffer();
        foreach (var p in Points(0, 1001)) buffer.Append([p]);

        // Act
        foreach (var p in Points(1001, 500)) buffer.Append([p]);

        // Assert: 500 kept after the trim, plus 500 more, is at capacity again, not trimmed.
        Assert.Equal(1000, buffer.Count);
        Assert.Equal(Points(501, 1000), buffer.Snapshot());
    }

    [Fact]
    public void Append_BatchLargerThanCapacity_KeepsNewestOfBatch()
    {
        // Arrange
        var buffer = new LiveSeriesBuffer();

        // Act
        buffer.Append(Points(0, 2500));

        // Assert
        Assert.Equal(Points(2000, 500), buffer.Snapshot());
        Assert.Equal(2500, buffer.TotalAppended);
    }

    [Fact]
    public void TotalAppended_AfterTrims_CountsEveryPoint()
    {
        // Arrange
        var buffer = new LiveSeriesBuffer(capacity: 10, keepOnOverflow: 5);

        // Act
        for (var i = 0; i < 37; i++) buffer.Append(Points(i, 1));

        // Assert
        Assert.Equal(37, buffer.TotalAppended);
        Assert.InRange(buffer.Count, 5, 10);
    }

    [Fact]
    public void Since_SeenSome_ReturnsOnlyUnseen()
    {
        // Arrange
        var buffer = new LiveSeriesBuffer();
        buffer.Append(Points(0, 30));

        // Act
        var unseen = buffer.Since(25);

        // Assert
        Assert.Equal(Points(25, 5), unseen);
    }

    [Fact]
    public void Since_SeenAll_Empty()
    {
        // Arrange
        var buffer = new LiveSeriesBuffer();
        buffer.Append(Points(0, 30));

        // Act
        var unseen = buffer.Since(30);

        // Assert
        Assert.Empty(unseen);
    }

    [Fact]
    public void Since_SeenNothing_ReturnsEverythingHeld()
    {
        // Arrange
        var buffer = new LiveSeriesBuffer();
        buffer.Append(Points(0, 30));

        // Act
        var unseen = buffer.Since(0);

        // Assert
        Assert.Equal(Points(0, 30), unseen);
    }

    [Fact]
    public void Since_SomeUnseenTrimmed_ReturnsOnlyThoseStillHeld()
    {
        // Arrange
        var buffer = new LiveSeriesBuffer();
        buffer.Append(Points(0, 100));   // reader saw these 100
        buffer.Append(Points(100, 901)); // 1,001 in all: trimmed to 501..1000

        // Act
        var unseen = buffer.Since(100);

        // Assert
        Assert.Equal(Points(501, 500), unseen);
    }

    [Fact]
    public void Since_UnseenAllStillHeldAfterTrim_ReturnsExactlyThem()
    {
        // Arrange
        var buffer = new LiveSeriesBuffer();
        buffer.Append(Points(0, 1000));
        buffer.Append(Points(1000, 1)); // trimmed to 501..1000

        // Act
        var unseen = buffer.Since(998);

        // Assert
        Assert.Equal(Points(998, 3), unseen);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(5, 6)]
    public void Constructor_BadSizes_Throws(int capacity, int keepOnOverflow)
    {
        // Act + Assert
        Assert.Throws<ArgumentOutOfRangeException>(() => new LiveSeriesBuffer(capacity, keepOnOverflow));
    }
}
