using FinSight.Core.AbTesting;
using FinSight.Core.Analysis;
using Xunit;
using static FinSight.Tests.Core.AbTesting.AbTestFixtures;

namespace FinSight.Tests.Core.AbTesting;

// Reference values: reference_values.py in this folder (scipy 1.10.1). Posteriors Beta(1 + x, 1 + n − x).
// P(t > c) = scipy.integrate.quad of c.pdf(y)·t.sf(y) (epsabs 1e-15, epsrel 1e-13, breakpoints across both
// posteriors), which agrees with Evan Miller's closed-form sum to ~1e-9 or better; E[max(A − B, 0)] =
// quad of B.cdf(x)·A.sf(x), a route that shares nothing with the engine's closed-form partial means.
public sealed class BayesianComparisonTests
{
    [Theory]
    // { control x, n, treatment x, n, P(t > c), E[max(c − t, 0)], E[max(t − c, 0)] }
    [InlineData(120, 1000, 150, 1000, 0.9750678368121433, 0.00014417785511183255, 0.030084297615590866)]
    [InlineData(3, 20, 9, 25, 0.9367322089712586, 0.0036055426860510066, 0.1921577312382395)]
    // Posteriors a few thousandths wide: the integration must find their mass.
    [InlineData(10000, 100000, 10250, 100000, 0.9680668873161014, 1.6830233119365225e-05, 0.002516780234119234)]
    // No conversions: exponential-like posteriors whose tails reach far past mean + 12 sd; and very different widths.
    [InlineData(0, 100000, 0, 100, 0.9989910291502656, 1.0089405915946463e-08, 0.009793931858029363)]
    // A sharp control against a wide treatment.
    [InlineData(100000, 1000000, 12, 100, 0.7919243526675741, 0.0030929831357917967, 0.03054316352954874)]
    // Rates near 1, where the loss is nine orders below the rates themselves.
    [InlineData(100000, 100000, 99990, 100000, 0.0004881469854118019, 0.00010000288114376221, 4.8811037552280776e-09)]
    public void Binary_KnownCounts_MatchesQuadrature(
        long xc, long nc, long xt, long nt, double pTreatmentHigher, double controlExcess, double treatmentExcess)
    {
        SufficientStatistics control = new(nc, xc, xc), treatment = new(nt, xt, xt);

        var higher = BayesianComparison.Binary(control, treatment, MetricDirection.Maximize)!;
        var lower = BayesianComparison.Binary(control, treatment, MetricDirection.Minimize)!;

        // Higher is better: beating control is t > c, and the risk is c exceeding t.
        Near(pTreatmentHigher, higher.ChanceToBeatControl, 1e-8);
        Near(controlExcess, higher.ExpectedLoss, 1e-8);
        // Lower is better: beating control is t < c, and the risk is t exceeding c.
        Assert.Equal(1 - pTreatmentHigher, lower.ChanceToBeatControl, 1e-9);
        Near(treatmentExcess, lower.ExpectedLoss, 1e-8);
    }

    [Fact]
    public void Binary_EqualData_IsACoinFlip()
    {
        var result = BayesianComparison.Binary(new(500, 50, 50), new(500, 50, 50), MetricDirection.Maximize)!;

        Assert.Equal(0.5, result.ChanceToBeatControl, 9);
        Assert.True(result.ExpectedLoss > 0);
    }

    [Fact]
    public void Binary_NoObservations_IsNull() =>
        Assert.Null(BayesianComparison.Binary(new(0, 0, 0), new(10, 1, 1), MetricDirection.Maximize));

    [Theory]
    // Small raw samples of MeanStatisticsTests, and C3 latency (lower is better). scipy: norm.cdf(d/se) and
    // se·norm.pdf(d/se) − d·norm.cdf(−d/se), mirrored for lower-is-better.
    [InlineData(new[] { 3.0, 6.8, 17.84 }, new[] { 4.0, 18.599999999999998, 91.14000000000001 }, MetricDirection.Maximize, 0.9962986696499596, 0.0010130215928893464)]
    [InlineData(new[] { 3.0, 6.8, 17.84 }, new[] { 4.0, 18.599999999999998, 91.14000000000001 }, MetricDirection.Minimize, 0.00370133035004042, 2.384346354926222)]
    [InlineData(new[] { 200.0, 31855.47676210842, 6148774.023533976 }, new[] { 180.0, 26074.165248280777, 4408368.0573271755 }, MetricDirection.Minimize, 0.9826757853432078, 0.04266241275089622)]
    [InlineData(new[] { 200.0, 31855.47676210842, 6148774.023533976 }, new[] { 180.0, 26074.165248280777, 4408368.0573271755 }, MetricDirection.Maximize, 0.01732421465679226, 14.463572621733132)]
    public void Continuous_KnownSamples_MatchesNormalApproximation(double[] control, double[] treatment, MetricDirection direction, double chance, double loss)
    {
        var result = BayesianComparison.Continuous(
            new((long)control[0], control[1], control[2]), new((long)treatment[0], treatment[1], treatment[2]), direction)!;

        Near(chance, result.ChanceToBeatControl);
        Near(loss, result.ExpectedLoss);
    }

    [Fact]
    public void Continuous_NoVariance_IsNull() =>
        Assert.Null(BayesianComparison.Continuous(SufficientStatistics.Of([1, 1]), SufficientStatistics.Of([2, 2]), MetricDirection.Maximize));
}
