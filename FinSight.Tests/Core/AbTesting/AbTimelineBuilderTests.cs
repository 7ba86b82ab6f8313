using FinSight.Core.AbTesting;
using Xunit;
using static FinSight.Tests.Core.AbTesting.AbTestFixtures;

namespace FinSight.Tests.Core.AbTesting;

public sealed class AbTimelineBuilderTests
{
    private static readonly DateOnly Day1 = new(2025, 3, 1), Day2 = new(2025, 3, 2), Day3 = new(2025, 3, 4);

    [Fact]
    public void Build_DailyRows_GiveCumulativePointsInDateOrder()
    {
        var design = Design(1000, [Conversion, LatencyGuardrail], variants: 3);
        var data = new AbTestData([], [],
            [
                new(Day3, "control", 50), new(Day3, "B", 60), new(Day3, "C", 10),
                new(Day1, "control", 100), new(Day1, "B", 90),
                new(Day1, "ghost", 999), // not a variant of the test
            ],
            [
                new(Day3, "control", "conversion", 50, 5, 5), new(Day3, "B", "conversion", 60, 9, 9),
                new(Day1, "control", "conversion", 100, 10, 10), new(Day1, "B", "conversion", 90, 12, 12),
                new(Day2, "control", "latency_ms", 5, 500, 50100), // a guardrail-only day still counts
            ]);

        var days = AbTimelineBuilder.Build(design, data).Days;

        Assert.Equal([Day1, Day2, Day3], days.Select(d => d.Day));
        Assert.Equal(new Dictionary<string, long> { ["control"] = 100, ["B"] = 90, ["C"] = 0 }, days[0].Units);
        Assert.Equal(days[0].Units, days[1].Units);
        Assert.Equal(new Dictionary<string, long> { ["control"] = 150, ["B"] = 150, ["C"] = 10 }, days[2].Units);
        Assert.Equal(SampleRatioCheck.PValue([100, 90, 0], [1.0 / 3, 1.0 / 3, 1.0 / 3]), days[0].SrmPValue);
        Assert.Equal(SampleRatioCheck.PValue([150, 150, 10], [1.0 / 3, 1.0 / 3, 1.0 / 3]), days[2].SrmPValue);

        var expected = ProportionStatistics.Compare(new(150, 15, 15), new(150, 21, 21), 0.05);
        var last = days[2].PrimaryLift;
        Assert.Equal(["B", "C"], last.Keys.Order());
        Assert.Equal(expected.RelativeLift, last["B"].Lift);
        Assert.Equal(expected.RelativeLiftCi?.Low, last["B"].CiLow);
        Assert.Equal(expected.RelativeLiftCi?.High, last["B"].CiHigh);
        Assert.Equal(new AbLiftPoint(null, null, null), last["C"]); // C has units but no conversions data
    }

    [Fact]
    public void Build_NoDailyRows_HasNoPoints() =>
        Assert.Empty(AbTimelineBuilder.Build(Design(10, [Conversion]), AbTestData.Empty).Days);
}
