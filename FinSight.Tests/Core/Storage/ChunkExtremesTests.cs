using FinSight.Core.Storage;
using Xunit;

namespace FinSight.Tests.Core.Storage;

public class ChunkExtremesTests
{
    [Fact]
    public void Of_MixedValues_StepRangeAndExactExtremePoints()
    {
        // Arrange: arrival order is not step order.
        MetricPoint[] points = [new(5, 50, 1.0), new(2, 20, -3.0), new(9, 90, 7.5), new(7, 70, double.NaN)];

        // Act
        var x = ChunkExtremes.Of(points);

        // Assert
        Assert.Equal((2L, 9L), (x.MinStep, x.MaxStep));
        Assert.Equal(new MetricPoint(2, 20, -3.0), x.Lowest);
        Assert.Equal(new MetricPoint(9, 90, 7.5), x.Highest);
        Assert.False(x.AllNaN);
    }

    [Fact]
    public void Of_TiedValues_PointFirstInSeriesOrderKept()
    {
        // Arrange: the tie that arrives first is later in step order.
        MetricPoint[] points = [new(8, 1, 4.0), new(3, 1, 4.0), new(3, 0, 0.0), new(1, 5, 0.0), new(1, 5, 0.0)];

        // Act
        var x = ChunkExtremes.Of(points);

        // Assert
        Assert.Equal(new MetricPoint(1, 5, 0.0), x.Lowest);
        Assert.Equal(new MetricPoint(3, 1, 4.0), x.Highest);
    }

    [Fact]
    public void Of_OnlyNaN_FirstPointInSeriesOrderRecordedAsBoth()
    {
        // Arrange
        MetricPoint[] points = [new(4, 0, double.NaN), new(2, 9, double.NaN), new(2, 3, double.NaN)];

        // Act
        var x = ChunkExtremes.Of(points);

        // Assert
        Assert.True(x.AllNaN);
        Assert.Equal((2L, 3L), (x.Lowest.Step, x.Lowest.Timestamp));
        Assert.Equal(x.Lowest, x.Highest);
    }

    [Fact]
    public void Of_Empty_Throws()
    {
        // Act + Assert
        Assert.Throws<ArgumentException>(() => ChunkExtremes.Of([]));
    }
}
