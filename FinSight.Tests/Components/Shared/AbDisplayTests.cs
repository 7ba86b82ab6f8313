using FinSight.Dashboard.Components.Shared;
using Xunit;

namespace FinSight.Tests.Components.Shared;

/// <summary>How the A/B test pages write numbers: invariant, readable, and never NaN.</summary>
public sealed class AbDisplayTests
{
    [Theory]
    [InlineData(0.0032, "0.0032")]
    [InlineData(0.04999, "0.0500")]
    [InlineData(0.00009, "<0.0001")]
    [InlineData(0.0, "<0.0001")]
    [InlineData(1.0, "1.0000")]
    [InlineData(null, "—")]
    [InlineData(double.NaN, "—")]
    public void PValue_Values_FourDecimalsWithAFloor(double? p, string expected) => Assert.Equal(expected, AbDisplay.PValue(p));

    [Theory]
    [InlineData(0.0032, "p = 0.0032")]
    [InlineData(0.00001, "p < 0.0001")]
    [InlineData(null, "p unknown")]
    public void PIs_Values_ReadAsASentence(double? p, string expected) => Assert.Equal(expected, AbDisplay.PIs(p));

    [Theory]
    [InlineData(0.081, "+8.1%")]
    [InlineData(-0.03, "-3.0%")]
    [InlineData(0.0, "0.0%")]
    [InlineData(2.0, "+200.0%")]
    [InlineData(null, "—")]
    [InlineData(double.PositiveInfinity, "—")]
    public void Lift_Values_SignedPercent(double? lift, string expected) => Assert.Equal(expected, AbDisplay.Lift(lift));

    [Theory]
    [InlineData(0.123, "12.3%")]
    [InlineData(0.0042, "0.42%")]
    [InlineData(0.0, "0.0%")]
    [InlineData(1.0, "100.0%")]
    [InlineData(null, "—")]
    [InlineData(double.NaN, "—")]
    public void Percent_Rates_OneDecimalOrTwoBelowOnePercent(double? rate, string expected) => Assert.Equal(expected, AbDisplay.Percent(rate));

    [Fact]
    public void Interval_EitherEndMissing_Dash()
    {
        Assert.Equal("[+2.0%, +14.3%]", AbDisplay.Interval(0.02, 0.143, AbDisplay.Lift));
        Assert.Equal("—", AbDisplay.Interval(null, 0.143, AbDisplay.Lift));
        Assert.Equal("—", AbDisplay.Interval(0.02, double.NaN, AbDisplay.Lift));
    }

    [Fact]
    public void Value_ByMetricKind_RateOrNumber()
    {
        Assert.Equal("30.0%", AbDisplay.Value(0.3, binary: true));
        Assert.Equal("104.5", AbDisplay.Value(104.5, binary: false));
        Assert.Equal("1.235E+06", AbDisplay.Value(1234567.0, binary: false));
        Assert.Equal("12,400", AbDisplay.Count(12400));
        Assert.Equal("33.33%", AbDisplay.Weight(1.0 / 3));
    }
}
