using MathNet.Numerics.Distributions;
using MathNet.Numerics.Integration;

namespace FinSight.Core.AbTesting;

/// <summary>Planned sample size per variant from a minimum detectable effect (two-sided test at α, given power).</summary>
public static class PowerAnalysis
{
    // The chi-square mass outside these quantiles cannot move the power by a visible amount.
    private const double TailMass = 1e-13;

    /// <summary>
    /// Units per variant needed to detect a relative lift of <paramref name="minDetectableEffect"/> on
    /// <paramref name="metric"/> (whose <see cref="AbMetric.Baseline"/>, and for a continuous metric
    /// <see cref="AbMetric.BaselineStdDev"/>, are set) with probability <paramref name="power"/>.
    /// Binary metrics use the two-proportion z-test formula with p₂ = baseline·(1 + mde) (or ·(1 − mde)
    /// when that reaches 1). Continuous metrics start from the normal formula 2σ²(z₁₋α/₂ + z_power)²/δ² with
    /// δ = |baseline|·mde, then grow n until the t-test with 2n − 2 degrees of freedom has the power, since
    /// the normal formula under-powers small samples. At least 2.
    /// </summary>
    /// <exception cref="ArgumentException">A needed baseline is missing, or the effect is not a usable lift.</exception>
    public static long SampleSizePerVariant(AbMetric metric, double minDetectableEffect, double alpha, double power)
    {
        if (!(minDetectableEffect > 0) || !double.IsFinite(minDetectableEffect))
            throw new ArgumentException($"The minimum detectable effect must be a positive lift; got {minDetectableEffect}.", nameof(minDetectableEffect));
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentException($"alpha must be between 0 and 1; got {alpha}.", nameof(alpha));
        if (!(power > 0 && power < 1)) throw new ArgumentException($"power must be between 0 and 1; got {power}.", nameof(power));
        if (metric.Baseline is not { } baseline)
            throw new ArgumentException($"Metric '{metric.Key}' has no baseline; the power analysis needs one.", nameof(metric));
        var zAlpha = Normal.InvCDF(0, 1, 1 - alpha / 2);
        var zPower = Normal.InvCDF(0, 1, power);
        var n = metric.Kind == AbMetricKind.Binary
            ? Binary(metric, baseline, minDetectableEffect, zAlpha, zPower)
            : Continuous(metric, baseline, minDetectableEffect, alpha, power, zAlpha, zPower);
        return Math.Max(2, n);
    }

    /// <summary>
    /// The power of the two-sided two-sample t-test with <paramref name="perVariant"/> units per variant, equal
    /// variances and a true difference of <paramref name="effectSize"/> standard deviations (δ/σ): the
    /// probability that the noncentral t with 2n − 2 degrees of freedom and noncentrality δ/(σ·√(2/n)) falls
    /// outside ±t₁₋α/₂. With T = (Z + λ)/√(V/ν), V ~ χ²(ν), this is
    /// E_V[Φ(λ − c·√(V/ν)) + Φ(−λ − c·√(V/ν))], integrated over the chi-square density.
    /// </summary>
    public static double TTestPower(long perVariant, double effectSize, double alpha)
    {
        if (perVariant < 2) throw new ArgumentOutOfRangeException(nameof(perVariant), perVariant, "At least 2 units per variant.");
        double nu = 2 * perVariant - 2;
        var lambda = Math.Abs(effectSize) / Math.Sqrt(2.0 / perVariant);
        var critical = StudentT.InvCDF(0, 1, nu, 1 - alpha / 2);
        var low = ChiSquared.InvCDF(nu, TailMass);
        var high = ChiSquared.InvCDF(nu, 1 - TailMass);
        var power = GaussKronrodRule.Integrate(v =>
        {
            var threshold = critical * Math.Sqrt(v / nu);
            return ChiSquared.PDF(nu, v) * (Normal.CDF(0, 1, lambda - threshold) + Normal.CDF(0, 1, -lambda - threshold));
        }, low, high, out _, out _, 1e-9);
        // Quadrature error can leave a certain rejection a hair above 1.
        return Math.Clamp(power, 0, 1);
    }

    private static long Binary(AbMetric metric, double p1, double mde, double zAlpha, double zPower)
    {
        var p2 = p1 * (1 + mde);
        if (p2 >= 1) p2 = p1 * (1 - mde);
        if (!(p1 > 0 && p1 < 1) || !(p2 > 0 && p2 < 1))
            throw new ArgumentException($"A lift of {mde} moves metric '{metric.Key}''s baseline rate {p1} outside 0..1.", nameof(metric));
        var pBar = (p1 + p2) / 2;
        var root = zAlpha * Math.Sqrt(2 * pBar * (1 - pBar)) + zPower * Math.Sqrt(p1 * (1 - p1) + p2 * (1 - p2));
        var difference = p2 - p1;
        return Ceiling(root * root / (difference * difference));
    }

    private static long Continuous(AbMetric metric, double baseline, double mde, double alpha, double power, double zAlpha, double zPower)
    {
        if (metric.BaselineStdDev is not { } sigma || !(sigma > 0))
            throw new ArgumentException($"Metric '{metric.Key}' has no positive baselineStdDev; the power analysis needs one.", nameof(metric));
        var delta = Math.Abs(baseline) * mde;
        if (!(delta > 0)) throw new ArgumentException($"Metric '{metric.Key}' has baseline 0; a relative effect of it is 0.", nameof(metric));
        var zSum = zAlpha + zPower;
        var n = Math.Max(2, Ceiling(2 * sigma * sigma * zSum * zSum / (delta * delta)));
        // Beyond this the t and normal distributions agree to well under one unit of n.
        if (n > 10_000_000) return n;
        while (TTestPower(n, delta / sigma, alpha) < power) n++;
        return n;
    }

    private static long Ceiling(double value) =>
        double.IsFinite(value) && value < long.MaxValue ? (long)Math.Ceiling(value) : long.MaxValue;
}
