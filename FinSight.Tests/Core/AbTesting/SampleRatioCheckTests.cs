using FinSight.Core.AbTesting;
using Xunit;
using static FinSight.Tests.Core.AbTesting.AbTestFixtures;

namespace FinSight.Tests.Core.AbTesting;

// Reference p-values: scipy 1.10.1, scipy.stats.chisquare(observed, sum(observed) * weights).pvalue.
public sealed class SampleRatioCheckTests
{
    [Theory]
    [InlineData(new long[] { 10400, 9600 }, new[] { 0.5, 0.5 }, 1.5417257900280013e-08)]
    [InlineData(new long[] { 5100, 2400, 2500 }, new[] { 0.5, 0.25, 0.25 }, 0.04978706836786395)]
    [InlineData(new long[] { 1030, 970 }, new[] { 0.5, 0.5 }, 0.17971249487899593)]
    [InlineData(new long[] { 5, 0 }, new[] { 0.5, 0.5 }, 0.025347318677468325)]
    public void PValue_KnownCounts_MatchesScipyChiSquare(long[] observed, double[] weights, double expected) =>
        Near(expected, SampleRatioCheck.PValue(observed, weights));

    [Fact]
    public void PValue_PerfectSplit_IsOne() => Assert.Equal(1, SampleRatioCheck.PValue([500, 500], [0.5, 0.5]));

    [Fact]
    public void Check_MissingVariantAndSkew_CountsZeroAndFlags()
    {
        var design = Design(100, [Conversion], variants: 3);

        var result = SampleRatioCheck.Check(design.Variants, new Dictionary<string, long> { ["control"] = 700, ["B"] = 600 });

        Assert.True(result.Flagged);
        Assert.Equal(["control", "B", "C"], result.Variants.Select(v => v.Name));
        Assert.Equal(0, result.Variants[2].Units);
        Assert.Equal(0, result.Variants[2].ObservedShare);
        Assert.Equal(1.0 / 3, result.Variants[2].ExpectedShare);
        Assert.Equal(700.0 / 1300, result.Variants[0].ObservedShare);
    }

    [Fact]
    public void Check_NoUnits_HasNoPValueAndIsNotFlagged()
    {
        var result = SampleRatioCheck.Check(Design(100, [Conversion]).Variants, new Dictionary<string, long>());

        Assert.Null(result.PValue);
        Assert.False(result.Flagged);
        Assert.All(result.Variants, v => Assert.Null(v.ObservedShare));
    }

    [Fact]
    public void Check_UnevenSplitMatchingItsWeights_IsNotFlagged()
    {
        var design = Design(100, [Conversion], weights: [0.8, 0.2]);

        var result = SampleRatioCheck.Check(design.Variants, new Dictionary<string, long> { ["control"] = 8010, ["B"] = 1990 });

        Assert.False(result.Flagged);
        Assert.True(result.PValue > 0.5);
    }
}
