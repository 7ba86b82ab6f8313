using FinSight.Core.Analysis;
using Xunit;

namespace FinSight.Tests.Core.Analysis;

public sealed class ExponentialSmoothingTests
{
    [Fact]
    public void Smooth_WeightZero_ReturnsTheValues() =>
        Assert.Equal([1.0, 5.0, 2.0], ExponentialSmoothing.Smooth([1.0, 5.0, 2.0], 0));

    [Fact]
    public void Smooth_Debiased_StartsAtTheFirstValueNotAtZero() =>
        Assert.Equal(4.0, ExponentialSmoothing.Smooth([4.0, 4.0], 0.9)[0], 12);

    [Fact]
    public void Smooth_KnownSeries_MatchesTensorBoardsFormula()
    {
        // ema1 = 0.5·0 + 0.5·2 = 1, /(1−0.5) = 2; ema2 = 0.5·1 + 0.5·4 = 2.5, /(1−0.25) = 3.333…
        var smoothed = ExponentialSmoothing.Smooth([2.0, 4.0], 0.5);

        Assert.Equal(2.0, smoothed[0], 12);
        Assert.Equal(2.5 / 0.75, smoothed[1], 12);
    }

    [Fact]
    public void Next_NaNOrInfinity_PassedThroughWithoutDisturbingTheAverage()
    {
        var smoother = new ExponentialSmoothing(0.5);
        smoother.Next(2.0);

        Assert.True(double.IsNaN(smoother.Next(double.NaN)));
        Assert.Equal(double.PositiveInfinity, smoother.Next(double.PositiveInfinity));
        Assert.Equal(2.5 / 0.75, smoother.Next(4.0), 12);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Constructor_WeightOutsideZeroToOne_Refused(double weight) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialSmoothing(weight));
}
