using FinSight.Core.Storage;
using Xunit;

namespace FinSight.Tests.Core.Storage;

public class MinMaxDownsamplerTests
{
    private static List<MetricPoint> Series(int count, Func<int, double> value) =>
        Enumerable.Range(0, count).Select(i => new MetricPoint(i, 1000L + i, value(i))).ToList();

    [Fact]
    public void Downsample_SingleSpikeInHundredThousand_SpikeSurvives()
    {
        // Arrange
        var points = Series(100_000, i => i == 61_234 ? 1e6 : Math.Sin(i / 1000.0));

        // Act
        var result = MinMaxDownsampler.Downsample(points, 500);

        // Assert
        Assert.Contains(new MetricPoint(61_234, 1000L + 61_234, 1e6), result);
    }

    [Fact]
    public void Downsample_SingleDipInHundredThousand_DipSurvives()
    {
        // Arrange
        var points = Series(100_000, i => i == 777 ? -1e6 : 1.0);

        // Act
        var result = MinMaxDownsampler.Downsample(points, 500);

        // Assert
        Assert.Contains(result, p => p.Value == -1e6 && p.Step == 777);
    }

    [Theory]
    [InlineData(100_000, 500)]
    [InlineData(100_000, 501)]
    [InlineData(1_001, 1_000)]
    [InlineData(50, 4)]
    [InlineData(7, 5)]
    public void Downsample_TooManyPoints_AtMostMaxPoints(int count, int maxPoints)
    {
        // Arrange
        var points = Series(count, i => (i * 7919 % 1000) / 10.0);

        // Act
        var result = MinMaxDownsampler.Downsample(points, maxPoints);

        // Assert
        Assert.InRange(result.Count, 3, maxPoints);
    }

    [Fact]
    public void Downsample_TooManyPoints_FirstAndLastKept()
    {
        // Arrange
        var points = Series(100_000, i => 0.5);

        // Act
        var result = MinMaxDownsampler.Downsample(points, 500);

        // Assert
        Assert.Equal(points[0], result[0]);
        Assert.Equal(points[^1], result[^1]);
    }

    [Fact]
    public void Downsample_TooManyPoints_OutputIsInputSubsetInStepOrder()
    {
        // Arrange
        var points = Series(10_000, i => Math.Cos(i / 37.0) * i);

        // Act
        var result = MinMaxDownsampler.Downsample(points, 200);

        // Assert
        Assert.All(result, p => Assert.Equal(points[(int)p.Step], p));
        Assert.Equal(result.OrderBy(p => p.Step).Select(p => p.Step), result.Select(p => p.Step));
        Assert.Equal(result.Count, result.Select(p => p.Step).Distinct().Count());
    }

    [Fact]
    public void Downsample_AllNaNBucket_StillRepresented()
    {
        // Arrange: NaN holes must show up as holes, not vanish.
        var points = Series(10_000, i => i is >= 4000 and < 6000 ? double.NaN : 1.0);

        // Act
        var result = MinMaxDownsampler.Downsample(points, 100);

        // Assert
        Assert.Contains(result, p => double.IsNaN(p.Value));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(500)]
    public void Downsample_InputFits_ReturnedUnchanged(int count)
    {
        // Arrange
        var points = Series(count, i => i);

        // Act
        var result = MinMaxDownsampler.Downsample(points, 500);

        // Assert
        Assert.Same(points, result);
    }

    [Fact]
    public void Downsample_MaxPointsBelowFour_Throws()
    {
        // Arrange
        var points = Series(10, i => i);

        // Act + Assert
        Assert.Throws<ArgumentOutOfRangeException>(() => MinMaxDownsampler.Downsample(points, 3));
    }
}
