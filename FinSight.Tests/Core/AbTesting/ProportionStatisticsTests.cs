using FinSight.Core.AbTesting;
using Xunit;
using static FinSight.Tests.Core.AbTesting.AbTestFixtures;

namespace FinSight.Tests.Core.AbTesting;

// Reference values: reference_values.py in this folder, run with scipy 1.10.1. Wilson intervals are
// scipy.stats.binomtest(x, n).proportion_ci(0.95, method="wilson"); p-values are
// scipy.stats.chi2_contingency([[xt, nt-xt], [xc, nc-xc]], correction=False), i.e. R's
// prop.test(c(xt, xc), c(nt, nc), correct = FALSE); the difference's interval is prop.test's unpooled Wald
// interval diff ± z·sqrt(pt·qt/nt + pc·qc/nc); the relative lift's is the delta method with the same z.
public sealed class ProportionStatisticsTests
{
    [Theory]
    [InlineData(120, 1000, 0.10129926060130914, 0.14160907584771276)]
    [InlineData(150, 1000, 0.12921007251308828, 0.1734686584268003)]
    [InlineData(45, 380, 0.08969165191637984, 0.15478808487133067)]
    [InlineData(30, 410, 0.05173190690396795, 0.10253359129580236)]
    [InlineData(3, 20, 0.05236874589621662, 0.3604188647407569)]
    [InlineData(9, 25, 0.20247880774458224, 0.5548150225183514)]
    public void WilsonInterval_KnownCounts_MatchesScipy(long conversions, long n, double low, double high)
    {
        var ci = ProportionStatistics.WilsonInterval(new SufficientStatistics(n, conversions, conversions), 0.05);

        Assert.NotNull(ci);
        Near(low, ci.Value.Low);
        Near(high, ci.Value.High);
    }

    [Theory]
    // prop.test(c(150, 120), c(1000, 1000), correct = FALSE)
    [InlineData(120, 1000, 150, 1000, 1.963049807622355, 0.049640386865368834,
        0.03, 7.602882129778554e-05, 0.05992397117870221, 0.25, -0.029337846156494596, 0.5293378461564946)]
    // prop.test(c(30, 45), c(410, 380), correct = FALSE): an error rate, where the drop is the good direction
    [InlineData(45, 380, 30, 410, -2.1678802226852967, 0.030167800985563858,
        -0.04525032092426187, -0.08636927468788991, -0.0041313671606338295, -0.3821138211382114, -0.6542194630411997, -0.11000817923522316)]
    // prop.test(c(9, 3), c(25, 20), correct = FALSE)
    [InlineData(3, 20, 9, 25, 1.5829345590332589, 0.11343638083618256,
        0.21, -0.0347287978016525, 0.4547287978016525, 1.4, -1.4004860878656635, 4.200486087865663)]
    public void Compare_KnownCounts_MatchesPropTest(
        long xc, long nc, long xt, long nt, double z, double p,
        double difference, double differenceLow, double differenceHigh, double relative, double relativeLow, double relativeHigh)
    {
        var result = ProportionStatistics.Compare(new(nc, xc, xc), new(nt, xt, xt), 0.05);

        Near(z, result.Statistic);
        Near(p, result.PValue);
        Assert.Null(result.DegreesOfFreedom);
        Near(difference, result.Difference, 1e-12);
        Near(differenceLow, result.DifferenceCi?.Low);
        Near(differenceHigh, result.DifferenceCi?.High);
        Near(relative, result.RelativeLift, 1e-12);
        Near(relativeLow, result.RelativeLiftCi?.Low);
        Near(relativeHigh, result.RelativeLiftCi?.High);
    }

    [Fact]
    public void Compare_NoConversionsAnywhere_LeavesTheTestUndefined()
    {
        var result = ProportionStatistics.Compare(new(100, 0, 0), new(100, 0, 0), 0.05);

        Assert.Equal(0, result.Difference);
        Assert.Null(result.PValue);
        Assert.Null(result.Statistic);
        Assert.Null(result.DifferenceCi);
        Assert.Null(result.RelativeLift); // control rate 0: no ratio
        Assert.Null(result.RelativeLiftCi);
    }

    [Fact]
    public void Compare_NoneAgainstAll_HasAPValueButNoUnpooledInterval()
    {
        // Pooled variance is positive, so the test is defined; each side alone has no variance.
        var result = ProportionStatistics.Compare(new(50, 0, 0), new(50, 50, 50), 0.05);

        Assert.Equal(1, result.Difference);
        Assert.NotNull(result.PValue);
        Assert.True(result.PValue < 1e-20);
        Assert.Null(result.DifferenceCi);
    }

    [Fact]
    public void Compare_EmptySide_ReturnsNothing()
    {
        Assert.Equal(TreatmentComparison.None, ProportionStatistics.Compare(new(0, 0, 0), new(10, 3, 3), 0.05));
        Assert.Null(ProportionStatistics.WilsonInterval(SufficientStatistics.Empty, 0.05));
    }

    [Fact]
    public void WilsonInterval_AllOrNothing_StaysInsideTheUnitInterval()
    {
        var none = ProportionStatistics.WilsonInterval(new(10, 0, 0), 0.05)!.Value;
        var all = ProportionStatistics.WilsonInterval(new(10, 10, 10), 0.05)!.Value;

        Assert.Equal(0, none.Low);
        Assert.True(none.High is > 0 and < 1);
        Assert.Equal(1, all.High);
        Assert.True(all.Low is > 0 and < 1);
    }
}
