using FinSight.Core.Analysis;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Integration;

namespace FinSight.Core.AbTesting;

/// <summary>A treatment's Bayesian standing against control.</summary>
/// <param name="ChanceToBeatControl">Posterior probability that the treatment is better (in the metric's direction).</param>
/// <param name="ExpectedLoss">
/// Expected shortfall, in the metric's unit, of choosing the treatment if control is in fact better:
/// E[max(control − treatment, 0)] for higher-is-better metrics, E[max(treatment − control, 0)] for lower.
/// </param>
public sealed record BayesianResult(double ChanceToBeatControl, double ExpectedLoss);

/// <summary>
/// Chance to beat control and expected loss, computed deterministically (no Monte Carlo, so the numbers
/// do not move between two looks at the same data).
/// </summary>
public static class BayesianComparison
{
    // Panel edges in standard deviations either side of the posterior mean: one-sd panels over the bulk, then
    // widening panels far into the tails. Near-normal posteriors have no mass past 12 sd, but a rate with no
    // conversions has an exponential-like posterior whose tail past mean + 12 sd still holds about e⁻¹³ ≈ 2e-6.
    private static readonly double[] PanelEdgesInSd = [0, 1, 2, 3, 4, 5, 6, 8, 12, 20, 40];
    private const int PointsPerPanel = 20;

    /// <summary>
    /// Beta-Binomial with a uniform Beta(1, 1) prior: each rate's posterior is Beta(1 + x, 1 + n − x).
    /// Both quantities are one-dimensional integrals over one posterior's density of the other's CDF or
    /// partial mean, integrated over the posterior mass (panels out to ±40 sd, clipped to [0, 1]) so the sharp
    /// posteriors of large samples are resolved. Null when either variant has no observations (the prior alone
    /// says nothing).
    /// </summary>
    public static BayesianResult? Binary(SufficientStatistics control, SufficientStatistics treatment, MetricDirection direction)
    {
        if (control.N == 0 || treatment.N == 0) return null;
        var c = Posterior(control);
        var t = Posterior(treatment);
        // The treatment wins when `larger` exceeds `smaller`: itself over control when higher is better,
        // control over itself when lower is better. Ordering the pair once lets the same two integrals serve both.
        var (larger, smaller) = direction == MetricDirection.Maximize ? (t, c) : (c, t);
        var chance = ProbabilityGreater(larger, smaller);
        var loss = ExpectedExcess(smaller, larger);
        return new BayesianResult(Math.Clamp(chance, 0, 1), Math.Max(0, loss));
    }

    /// <summary>
    /// Normal approximation for means: the difference D = treatment − control is N(d, s_t²/n_t + s_c²/n_c).
    /// Chance to beat is Φ(d/se) (Φ(−d/se) when lower is better); expected loss E[max(−D, 0)] is
    /// se·φ(d/se) − d·Φ(−d/se) (mirrored when lower is better). Null with fewer than 2 observations on a side
    /// or no variance on either.
    /// </summary>
    public static BayesianResult? Continuous(SufficientStatistics control, SufficientStatistics treatment, MetricDirection direction)
    {
        if (control.Mean is not { } mc || treatment.Mean is not { } mt
            || control.Variance is not { } vc || treatment.Variance is not { } vt) return null;
        var se = Math.Sqrt(vc / control.N + vt / treatment.N);
        if (!(se > 0)) return null;
        // Flipping the sign of the difference turns "lower is better" into "higher is better".
        var d = direction == MetricDirection.Maximize ? mt - mc : mc - mt;
        var z = d / se;
        var chance = Normal.CDF(0, 1, z);
        var loss = se * Normal.PDF(0, 1, z) - d * Normal.CDF(0, 1, -z);
        return new BayesianResult(chance, Math.Max(0, loss));
    }

    private static Beta Posterior(SufficientStatistics sample) =>
        new(1 + sample.Conversions, 1 + sample.N - sample.Conversions);

    /// <summary>
    /// P(A &gt; B), integrated over the narrower posterior: the other factor is then smooth on the panels' scale,
    /// where the wider one's density would have to resolve a step as sharp as the narrow posterior.
    /// ∫ f_A(x)·F_B(x) dx or ∫ f_B(y)·(1 − F_A(y)) dy.
    /// </summary>
    private static double ProbabilityGreater(Beta a, Beta b) => a.StdDev <= b.StdDev
        ? Integrate(x => a.Density(x) * b.CumulativeDistribution(x), a)
        : Integrate(y => b.Density(y) * UpperTail(a, y), b);

    /// <summary>
    /// E[max(A − B, 0)], again over the narrower posterior: ∫ f_A(x)·E[max(x − B, 0)] dx or
    /// ∫ f_B(y)·E[max(A − y, 0)] dy. The inner expectations are closed-form: with the partial mean
    /// ∫₀ʸ x·Beta(x; α, β) dx = α/(α + β)·I_y(α + 1, β) and the recurrence
    /// I_y(α + 1, β) = I_y(α, β) − y^α(1 − y)^β/(α·B(α, β)),
    /// E[max(A − y, 0)] = (E[A] − y)·(1 − F_A(y)) + y(1 − y)·f_A(y)/(α + β), and mirrored for E[max(x − B, 0)].
    /// This form matters: the direct one, E[A]·(1 − I_y(α + 1, β)) − y·(1 − F_A(y)), subtracts two numbers of
    /// the size of the rate itself to get one of the size of a posterior sd, which near a rate of 1 with 10⁵
    /// units loses five digits; here the two terms are both of the size of the result's scale.
    /// </summary>
    private static double ExpectedExcess(Beta a, Beta b) => a.StdDev <= b.StdDev
        ? Integrate(x => a.Density(x) * ((x - b.Mean) * b.CumulativeDistribution(x) + x * (1 - x) * b.Density(x) / (b.A + b.B)), a)
        : Integrate(y => b.Density(y) * ((a.Mean - y) * UpperTail(a, y) + y * (1 - y) * a.Density(y) / (a.A + a.B)), b);

    /// <summary>1 − F(y), as the CDF of the mirrored Beta at 1 − y: no cancellation when F(y) is near 1.</summary>
    private static double UpperTail(Beta beta, double y) => Beta.CDF(beta.B, beta.A, 1 - y);

    /// <summary>
    /// Composite Gauss–Legendre over fixed panels around the posterior mean. Fixed rather than adaptive:
    /// MathNet's incomplete beta carries relative noise near 1e-9 for parameters around 10⁵–10⁶, and an adaptive
    /// rule reads that noise as error and subdivides to its depth limit (seconds per call), while 20 points on a
    /// one-sd panel integrate a smooth bell far more accurately than that noise.
    /// </summary>
    private static double Integrate(Func<double, double> integrand, Beta over)
    {
        var sum = 0.0;
        for (var i = 1; i < PanelEdgesInSd.Length; i++)
        {
            foreach (var side in (ReadOnlySpan<double>)[-1, 1])
            {
                var from = Math.Clamp(over.Mean + side * PanelEdgesInSd[i - 1] * over.StdDev, 0, 1);
                var to = Math.Clamp(over.Mean + side * PanelEdgesInSd[i] * over.StdDev, 0, 1);
                if (from != to) sum += GaussLegendreRule.Integrate(integrand, Math.Min(from, to), Math.Max(from, to), PointsPerPanel);
            }
        }
        return sum;
    }
}
