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
    // Posterior densities are negligible beyond this many standard deviations from their mean.
    private const double SpreadInSd = 12;
    private const double RelativeTolerance = 1e-10;

    /// <summary>
    /// Beta-Binomial with a uniform Beta(1, 1) prior: each rate's posterior is Beta(1 + x, 1 + n − x).
    /// Both quantities are one-dimensional integrals over one posterior of the other's CDF or partial mean,
    /// integrated over that posterior's mass (mean ± 12 sd, clipped to [0, 1]) so the sharp posteriors of
    /// large samples are resolved. Null when either variant has no observations (the prior alone says nothing).
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

    /// <summary>P(A &gt; B) = ∫ f_B(y)·(1 − F_A(y)) dy over B's posterior mass.</summary>
    private static double ProbabilityGreater(Beta a, Beta b) =>
        Integrate(y => b.Density(y) * UpperTail(a, y), b);

    /// <summary>
    /// E[max(A − B, 0)] = ∫ f_B(y)·∫_y^1 (x − y) f_A(x) dx dy. The inner integral is closed-form with
    /// ∫_y^1 x·Beta(x; α, β) dx = α/(α + β)·(1 − I_y(α + 1, β)).
    /// </summary>
    private static double ExpectedExcess(Beta a, Beta b)
    {
        var shifted = new Beta(a.A + 1, a.B);
        return Integrate(y => b.Density(y) * (a.Mean * UpperTail(shifted, y) - y * UpperTail(a, y)), b);
    }

    /// <summary>1 − F(y), as the CDF of the mirrored Beta at 1 − y: no cancellation when F(y) is near 1.</summary>
    private static double UpperTail(Beta beta, double y) => Beta.CDF(beta.B, beta.A, 1 - y);

    private static double Integrate(Func<double, double> integrand, Beta over)
    {
        var low = Math.Max(0, over.Mean - SpreadInSd * over.StdDev);
        var high = Math.Min(1, over.Mean + SpreadInSd * over.StdDev);
        return GaussKronrodRule.Integrate(integrand, low, high, out _, out _, RelativeTolerance);
    }
}
