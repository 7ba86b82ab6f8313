using FinSight.Core.Storage;
using Xunit;

namespace FinSight.Tests.Core.Storage;

public class SeriesOrderTests
{
    [Fact]
    public void ByStep_OutOfOrderSteps_SortedByStep()
    {
        // Arrange
        List<MetricPoint> arrival = [new(3, 0, 3.0), new(1, 0, 1.0), new(-2, 0, -2.0), new(2, 0, 2.0)];

        // Act
        var ordered = SeriesOrder.ByStep(arrival);

        // Assert
        Assert.Equal([-2L, 1L, 2L, 3L], ordered.Select(p => p.Step));
        Assert.Equal([-2.0, 1.0, 2.0, 3.0], ordered.Select(p => p.Value));
    }

    [Fact]
    public void ByStep_SameStep_OrderedByTimestamp()
    {
        // Arrange
        List<MetricPoint> arrival = [new(5, 300, 0.3), new(5, 100, 0.1), new(4, 999, 0.0), new(5, 200, 0.2)];

        // Act
        var ordered = SeriesOrder.ByStep(arrival);

        // Assert
        Assert.Equal([new(4, 999, 0.0), new(5, 100, 0.1), new(5, 200, 0.2), new(5, 300, 0.3)], ordered);
    }

    [Fact]
    public void ByStep_SameStepAndTimestamp_KeepsArrivalOrder()
    {
        // Arrange: enough ties that an unstable sort would reorder them.
        var arrival = new List<MetricPoint>();
        for (var i = 0; i < 200; i++) arrival.Add(new MetricPoint(i % 2 == 0 ? 2 : 1, 50, i));

        // Act
        var ordered = SeriesOrder.ByStep(arrival);

        // Assert
        var ones = ordered.Take(100).ToList();
        var twos = ordered.Skip(100).ToList();
        Assert.All(ones, p => Assert.Equal(1, p.Step));
        Assert.All(twos, p => Assert.Equal(2, p.Step));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (double)(2 * i + 1)), ones.Select(p => p.Value));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (double)(2 * i)), twos.Select(p => p.Value));
    }

    [Fact]
    public void ByStep_AlreadyOrdered_SamePointsAndInputUntouched()
    {
        // Arrange
        List<MetricPoint> arrival = [new(1, 1, double.NaN), new(1, 1, 2.0), new(2, 0, 3.0)];
        var before = arrival.ToArray();

        // Act
        var ordered = SeriesOrder.ByStep(arrival);

        // Assert
        Assert.Equal(before, ordered);
        Assert.Equal(before, arrival);
    }

    [Fact]
    public void ByStep_Unordered_InputListNotReordered()
    {
        // Arrange
        List<MetricPoint> arrival = [new(2, 0, 2.0), new(1, 0, 1.0)];

        // Act
        _ = SeriesOrder.ByStep(arrival);

        // Assert
        Assert.Equal([new(2, 0, 2.0), new(1, 0, 1.0)], arrival);
    }

    [Fact]
    public void ByStep_Empty_Empty()
    {
        // Act
        var ordered = SeriesOrder.ByStep([]);

        // Assert
        Assert.Empty(ordered);
    }
}
