using Bunit;
using FinSight.Dashboard.Components.Charts;
using Xunit;

namespace FinSight.Tests.Components.Charts;

public sealed class SparklineTests : BunitContext
{
    private string? Line(params double[] values) =>
        Render<Sparkline>(p => p.Add(s => s.Values, values).Add(s => s.Width, 102).Add(s => s.Height, 24)).Find("svg").QuerySelector("polyline")?.GetAttribute("points");

    [Fact]
    public void Sparkline_Values_MinAtTheBottomMaxAtTheTopAcrossTheWidth() =>
        Assert.Equal("1,22 51,2 101,12", Line(0, 10, 5)?.Trim());

    [Fact]
    public void Sparkline_NaNAndInfinity_LeftOutOfTheLine() =>
        Assert.Equal("1,22 101,2", Line(0, double.NaN, double.PositiveInfinity, 10)?.Trim());

    [Fact]
    public void Sparkline_FewerThanTwoFinitePoints_DrawsNoLine()
    {
        Assert.Null(Line(3));
        Assert.Null(Line(double.NaN, 4));
    }

    [Fact]
    public void Sparkline_ConstantSeries_FlatLineAtTheBottom() =>
        Assert.Equal("1,22 101,22", Line(2, 2)?.Trim());
}
