using FinSight.Core.AbTesting;
using FinSight.Core.Analysis;
using Xunit;
using static FinSight.Tests.Core.AbTesting.AbTestFixtures;

namespace FinSight.Tests.Core.AbTesting;

// Reference values: reference_values.py in this folder (scipy 1.10.1). Binary: the formula
// (z(1−α/2)·√(2p̄q̄) + z(power)·√(p1q1 + p2q2))² / (p2 − p1)², rounded up. Continuous: the normal formula's n,
// then the smallest n whose two-sample t-test power, scipy.stats.nct.sf(c, 2n−2, λ) + nct.cdf(−c, 2n−2, λ)
// with λ = δ/(σ√(2/n)), reaches the target.
public sealed class PowerAnalysisTests
{
    [Theory]
    [InlineData(0.1, 0.1, 0.05, 0.8, 14751)]  // formula 14750.79
    [InlineData(0.95, 0.1, 0.05, 0.8, 152)]   // 0.95·1.1 ≥ 1, so p2 = 0.855; formula 151.87
    [InlineData(0.03, 0.2, 0.01, 0.9, 26377)] // formula 26376.20
    public void SampleSizePerVariant_Binary_MatchesTheFormula(double baseline, double mde, double alpha, double power, long expected)
    {
        var metric = new AbMetric("conversion", AbMetricKind.Binary, MetricDirection.Maximize, false, baseline);

        Assert.Equal(expected, PowerAnalysis.SampleSizePerVariant(metric, mde, alpha, power));
    }

    [Theory]
    [InlineData(10, 5, 0.1, 0.05, 0.8, 394)]   // normal formula 393
    [InlineData(10, 5, 1.0, 0.05, 0.8, 6)]     // normal formula 4, where the t-test's power is only 0.66
    [InlineData(-4, 2, 0.5, 0.01, 0.9, 32)]    // normal formula 30; the baseline's sign does not matter
    [InlineData(100, 30, 0.02, 0.05, 0.8, 3533)] // normal formula 3532
    public void SampleSizePerVariant_Continuous_ReachesTheTTestPower(double baseline, double sd, double mde, double alpha, double power, long expected)
    {
        var metric = new AbMetric("revenue", AbMetricKind.Continuous, MetricDirection.Maximize, false, baseline, sd);

        Assert.Equal(expected, PowerAnalysis.SampleSizePerVariant(metric, mde, alpha, power));
    }

    [Theory]
    [InlineData(20, 0.8, 0.05, 0.693404196387171)]
    [InlineData(394, 0.2, 0.05, 0.8005931284024354)]
    [InlineData(393, 0.2, 0.05, 0.7995942411619149)]
    [InlineData(6, 2.0, 0.05, 0.8764177714162159)]
    [InlineData(4, 2.0, 0.05, 0.6568758758116631)]
    [InlineData(2, 10.0, 0.05, 0.9927466604896562)]
    public void TTestPower_MatchesScipyNoncentralT(long n, double effectSize, double alpha, double expected) =>
        Near(expected, PowerAnalysis.TTestPower(n, effectSize, alpha), 1e-8);

    [Fact]
    public void SampleSizePerVariant_HugeEffect_IsAtLeastTwo()
    {
        // δ/σ = 10: the normal formula says 1 unit; a t-test needs two per side for any variance at all.
        var metric = new AbMetric("revenue", AbMetricKind.Continuous, MetricDirection.Maximize, false, 10, 1);

        Assert.Equal(2, PowerAnalysis.SampleSizePerVariant(metric, 1, 0.05, 0.8));
    }

    [Fact]
    public void SampleSizePerVariant_NoBaseline_Throws() =>
        Assert.Throws<ArgumentException>(() => PowerAnalysis.SampleSizePerVariant(Conversion, 0.1, 0.05, 0.8));
}
