using MathNet.Numerics.Distributions;

namespace FinSight.Core.AbTesting;

/// <summary>Intervals and tests for binary (conversion) metrics.</summary>
public static class ProportionStatistics
{
    /// <summary>
    /// The Wilson score interval of a conversion rate at level 1 − <paramref name="alpha"/> (as R's
    /// <c>prop.test(x, n, correct = FALSE)</c>); null without observations. Unlike the Wald interval it stays
    /// inside [0, 1] and keeps its coverage near rates of 0 or 1 and for small n.
    /// </summary>
    public static ConfidenceInterval? WilsonInterval(SufficientStatistics sample, double alpha)
    {
        if (sample.Rate is not { } p) return null;
        double n = sample.N;
        var z = NormalCritical(alpha);
        var z2 = z * z;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2 * n)) / denominator;
        var halfWidth = z / denominator * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        // At 0 or n conversions the matching bound is exactly 0 or 1; rounding would leave a hair of 1e-17.
        var low = sample.Conversions == 0 ? 0 : Math.Max(0, centre - halfWidth);
        var high = sample.Conversions == sample.N ? 1 : Math.Min(1, centre + halfWidth);
        return new ConfidenceInterval(low, high);
    }

    /// <summary>
    /// The two-proportion z-test of treatment against control. The p-value uses the pooled variance, so it
    /// equals R's <c>prop.test(c(xt, xc), c(nt, nc), correct = FALSE)</c>; the difference's interval uses the
    /// unpooled (Wald) variance and is clipped to [−1, 1], as prop.test reports it. The relative lift's interval
    /// uses the delta method with the same z critical value.
    /// </summary>
    public static TreatmentComparison Compare(SufficientStatistics control, SufficientStatistics treatment, double alpha)
    {
        if (control.Rate is not { } pc || treatment.Rate is not { } pt) return TreatmentComparison.None;
        double nc = control.N, nt = treatment.N;
        var difference = pt - pc;
        var z = NormalCritical(alpha);

        var varC = pc * (1 - pc) / nc;
        var varT = pt * (1 - pt) / nt;
        var unpooledSe = Math.Sqrt(varC + varT);
        ConfidenceInterval? differenceCi = unpooledSe > 0
            ? new ConfidenceInterval(Math.Max(-1, difference - z * unpooledSe), Math.Min(1, difference + z * unpooledSe))
            : null;

        // Under the null both rates are one rate: estimate it from both groups together.
        var pooled = (control.Conversions + treatment.Conversions) / (nc + nt);
        var pooledSe = Math.Sqrt(pooled * (1 - pooled) * (1 / nc + 1 / nt));
        double? statistic = pooledSe > 0 ? difference / pooledSe : null;
        double? pValue = statistic is { } s ? 2 * Normal.CDF(0, 1, -Math.Abs(s)) : null;

        return new TreatmentComparison(
            difference, differenceCi,
            RelativeLift.Estimate(pc, pt), RelativeLift.Interval(pc, pt, varC, varT, z),
            statistic, null, pValue);
    }

    /// <summary>z at 1 − α/2.</summary>
    internal static double NormalCritical(double alpha) => Normal.InvCDF(0, 1, 1 - alpha / 2);
}
