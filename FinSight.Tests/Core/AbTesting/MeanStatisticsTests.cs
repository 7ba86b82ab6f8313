using FinSight.Core.AbTesting;
using Xunit;
using static FinSight.Tests.Core.AbTesting.AbTestFixtures;

namespace FinSight.Tests.Core.AbTesting;

// Reference values: reference_values.py in this folder, run with scipy 1.10.1. Intervals of a mean are
// scipy.stats.t.interval(0.95, n - 1, loc=mean, scale=scipy.stats.sem(x)); the comparison is
// scipy.stats.ttest_ind(treatment, control, equal_var=False) (R's t.test(t, c, var.equal = FALSE)) with the
// Welch–Satterthwaite df and the difference's interval diff ± t.ppf(0.975, df)·se. C2 and C3 are numpy
// draws (default_rng(20240501)); their sufficient statistics are given as printed by the script.
public sealed class MeanStatisticsTests
{
    private static readonly double[] SmallControl = [1.2, 3.4, 2.2];
    private static readonly double[] SmallTreatment = [4.1, 5.0, 3.3, 6.2];

    // C2, "revenue": control rng.normal(10, 3, 40), treatment rng.normal(11.5, 4, 35).
    private static readonly SufficientStatistics RevenueControl = new(40, 389.88259346735106, 4146.678884413636);
    private static readonly SufficientStatistics RevenueTreatment = new(35, 420.65483601769284, 5554.972872177641);

    // C3, "latency_ms" (lower is better): control rng.lognormal(5, 0.4, 200), treatment rng.lognormal(4.9, 0.4, 180).
    private static readonly SufficientStatistics LatencyControl = new(200, 31855.47676210842, 6148774.023533976);
    private static readonly SufficientStatistics LatencyTreatment = new(180, 26074.165248280777, 4408368.0573271755);

    public static TheoryData<string, double, double, double> Intervals => new()
    {
        { "small control", 2.2666666666666666, -0.4696460727640015, 5.002979406097335 },
        { "small treatment", 4.6499999999999995, 2.6689431511610358, 6.631056848838963 },
        { "revenue control", 9.747064836683778, 8.793832497053701, 10.700297176313855 },
        { "revenue treatment", 12.01870960050551, 10.702396671300335, 13.335022529710685 },
        { "latency control", 159.27738381054212, 149.0292856905824, 169.52548193050183 },
        { "latency treatment", 144.85647360155988, 136.12135418023297, 153.5915930228868 },
    };

    [Theory]
    [MemberData(nameof(Intervals))]
    public void TInterval_KnownSamples_MatchesScipy(string sample, double mean, double low, double high)
    {
        var statistics = Sample(sample);

        var ci = MeanStatistics.TInterval(statistics, 0.05);

        Near(mean, statistics.Mean, 1e-12);
        Assert.NotNull(ci);
        Near(low, ci.Value.Low);
        Near(high, ci.Value.High);
    }

    public static TheoryData<string, double[]> Comparisons => new()
    {
        // { t, p, df, difference, its interval, relative lift, its interval }
        { "small", [2.67816560871608, 0.04620681430304818, 4.757109004045902, 2.383333333333333, 0.06015860017439989, 4.706508066492265, 1.051470588235294, -0.613399030154967, 2.7163402066255546] },
        { "revenue", [2.8359510687631686, 0.006112123986623481, 63.91178048905166, 2.2716447638217314, 0.6713869871536564, 3.871902540489806, 0.233059367295089, 0.05470499642153623, 0.4114137381686418] },
        { "latency", [-2.112443475938493, 0.03531115100010167, 373.7763660520162, -14.420910208982235, -27.844361843091242, -0.9974585748732281, -0.09053959742417464, -0.17048351188310434, -0.01059568296524492] },
    };

    [Theory]
    [MemberData(nameof(Comparisons))]
    public void Compare_KnownSamples_MatchesWelchTTest(string pair, double[] expected)
    {
        var result = MeanStatistics.Compare(Sample(pair + " control"), Sample(pair + " treatment"), 0.05);

        Near(expected[0], result.Statistic);
        Near(expected[1], result.PValue);
        Near(expected[2], result.DegreesOfFreedom);
        Near(expected[3], result.Difference);
        Near(expected[4], result.DifferenceCi?.Low);
        Near(expected[5], result.DifferenceCi?.High);
        Near(expected[6], result.RelativeLift);
        Near(expected[7], result.RelativeLiftCi?.Low);
        Near(expected[8], result.RelativeLiftCi?.High);
    }

    [Fact]
    public void Compare_OneObservationASide_GivesTheDifferenceOnly()
    {
        var result = MeanStatistics.Compare(new(1, 2, 4), new(1, 3, 9), 0.05);

        Assert.Equal(1, result.Difference);
        Assert.Equal(0.5, result.RelativeLift);
        Assert.Null(result.PValue);
        Assert.Null(result.DifferenceCi);
        Assert.Null(MeanStatistics.TInterval(new(1, 2, 4), 0.05));
    }

    [Fact]
    public void Compare_NoVarianceEitherSide_LeavesTheTestUndefined()
    {
        var result = MeanStatistics.Compare(SufficientStatistics.Of([2, 2, 2]), SufficientStatistics.Of([3, 3, 3]), 0.05);

        Assert.Equal(1, result.Difference);
        Assert.Null(result.Statistic);
        Assert.Null(result.PValue);
        Assert.Null(result.DegreesOfFreedom);
        Assert.Null(result.DifferenceCi);
        Assert.Null(result.RelativeLiftCi);
    }

    [Fact]
    public void Variance_EqualValuesWithRoundingError_IsClampedAtZero()
    {
        // Σx² − (Σx)²/n of 1000 copies of 3.3 comes out at −3.6e-10, not 0; it must not become a NaN deviation.
        var sample = SufficientStatistics.Of(Enumerable.Repeat(3.3, 1000));

        Assert.True(sample.SumSquares - sample.Sum * sample.Sum / sample.N < 0);
        Assert.Equal(0, sample.Variance);
        var ci = MeanStatistics.TInterval(sample, 0.05)!.Value;
        Assert.True(double.IsFinite(ci.Low) && double.IsFinite(ci.High));
    }

    private static SufficientStatistics Sample(string name) => name switch
    {
        "small control" => SufficientStatistics.Of(SmallControl),
        "small treatment" => SufficientStatistics.Of(SmallTreatment),
        "revenue control" => RevenueControl,
        "revenue treatment" => RevenueTreatment,
        "latency control" => LatencyControl,
        "latency treatment" => LatencyTreatment,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
