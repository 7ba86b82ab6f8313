using FinSight.Core.AbTesting;
using FinSight.Core.Analysis;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using Xunit;
using static FinSight.Tests.Core.AbTesting.AbTestFixtures;

namespace FinSight.Tests.Core.AbTesting;

/// <summary>
/// The tests behave as advertised on simulated data: A/A tests reject about α of the time, a true effect the
/// size of the minimum detectable effect is found about as often as the planned power, and a skewed split is
/// caught. Seeded generators keep every run identical; sufficient statistics are drawn directly.
/// </summary>
public sealed class AbStatisticsSimulationTests
{
    private const int Runs = 2000;
    private const double Alpha = 0.05;

    [Fact]
    public void ZTest_AaTests_RejectAboutAlpha()
    {
        var random = new MersenneTwister(101);

        var rate = Rate(() => ProportionStatistics.Compare(Conversions(random, 2000, 0.1), Conversions(random, 2000, 0.1), Alpha).PValue < Alpha);

        Assert.InRange(rate, 0.04, 0.06);
    }

    [Fact]
    public void WelchTest_AaTestsWithUnequalVariancesAndSizes_RejectAboutAlpha()
    {
        // Equal means, different spreads and sizes: where Student's pooled test would be miscalibrated.
        var random = new MersenneTwister(202);

        var rate = Rate(() => MeanStatistics.Compare(Normals(random, 150, 10, 2), Normals(random, 250, 10, 4), Alpha).PValue < Alpha);

        Assert.InRange(rate, 0.04, 0.06);
    }

    [Fact]
    public void ZTest_EffectAtTheMde_IsFoundWithThePlannedPower()
    {
        var metric = Conversion with { Baseline = 0.1 };
        var n = (int)PowerAnalysis.SampleSizePerVariant(metric, 0.2, Alpha, 0.8);
        var random = new MersenneTwister(303);

        var rate = Rate(() => Found(ProportionStatistics.Compare(Conversions(random, n, 0.1), Conversions(random, n, 0.12), Alpha), metric));

        Assert.InRange(rate, 0.75, 0.85);
    }

    [Theory]
    [InlineData(0.2, 404)] // about 100 units per variant
    [InlineData(0.5, 505)] // about 17: the t refinement matters here
    public void WelchTest_EffectAtTheMde_IsFoundWithThePlannedPower(double mde, int seed)
    {
        var metric = Revenue with { Baseline = 10, BaselineStdDev = 5 };
        var n = (int)PowerAnalysis.SampleSizePerVariant(metric, mde, Alpha, 0.8);
        var random = new MersenneTwister(seed);

        var rate = Rate(() => Found(MeanStatistics.Compare(Normals(random, n, 10, 5), Normals(random, n, 10 * (1 + mde), 5), Alpha), metric));

        Assert.InRange(rate, 0.75, 0.85);
    }

    [Fact]
    public void SampleRatioCheck_SkewedSplitIsFlagged_FairSplitIsNot()
    {
        var variants = Design(100, [Conversion]).Variants;
        var random = new MersenneTwister(606);
        double Flagged(double share) => Rate(() =>
        {
            var control = Binomial.Sample(random, share, 20000);
            return SampleRatioCheck.Check(variants, new Dictionary<string, long> { ["control"] = control, ["B"] = 20000 - control }).Flagged;
        }, runs: 500);

        // At 52/48 the check flags when control's excess over 10,000 passes 233 units; the excess is about
        // N(400, 71²), so 99.1% of skewed tests are flagged. A fair split is flagged 0.1% of the time.
        Assert.True(Flagged(0.52) >= 0.97);
        Assert.True(Flagged(0.5) <= 0.01);
    }

    [Fact]
    public void Analyze_SkewedSplit_StopsTrustInTheResults()
    {
        var design = Design(10000, [Conversion]);
        Assert.Equal(AbVerdict.SampleRatioMismatch, AbTestAnalyzer.Analyze(design, AbTestStatus.Running,
            DataFor("conversion", Binary("control", "conversion", 10400, 1040), Binary("B", "conversion", 9600, 960))).Verdict);
        Assert.NotEqual(AbVerdict.SampleRatioMismatch, AbTestAnalyzer.Analyze(design, AbTestStatus.Running,
            DataFor("conversion", Binary("control", "conversion", 10050, 1005), Binary("B", "conversion", 9950, 995))).Verdict);
    }

    private static double Rate(Func<bool> trial, int runs = Runs)
    {
        var hits = 0;
        for (var i = 0; i < runs; i++) if (trial()) hits++;
        return (double)hits / runs;
    }

    private static bool Found(TreatmentComparison comparison, AbMetric metric) =>
        comparison.PValue < Alpha && MetricComparison.Improvement(metric.Direction, comparison.Difference!.Value) > 0;

    private static SufficientStatistics Conversions(Random random, int n, double p)
    {
        var x = Binomial.Sample(random, p, n);
        return new SufficientStatistics(n, x, x);
    }

    private static SufficientStatistics Normals(Random random, int n, double mean, double sd)
    {
        var values = new double[n];
        Normal.Samples(random, values, mean, sd);
        return SufficientStatistics.Of(values);
    }
}
