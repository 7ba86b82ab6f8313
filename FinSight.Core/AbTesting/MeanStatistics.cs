using MathNet.Numerics.Distributions;

namespace FinSight.Core.AbTesting;

/// <summary>Intervals and tests for continuous metrics.</summary>
public static class MeanStatistics
{
    /// <summary>
    /// The Student t interval of a mean at level 1 − <paramref name="alpha"/>: mean ± t(1 − α/2, n − 1)·s/√n,
    /// with the sample standard deviation (ddof = 1). Null with fewer than 2 observations.
    /// </summary>
    public static ConfidenceInterval? TInterval(SufficientStatistics sample, double alpha)
    {
        if (sample.Mean is not { } mean || sample.Variance is not { } variance) return null;
        var critical = StudentCritical(alpha, sample.N - 1);
        return ConfidenceInterval.Around(mean, critical * Math.Sqrt(variance / sample.N));
    }

    /// <summary>
    /// Welch's unequal-variance t-test of treatment against control: the same statistic, Welch–Satterthwaite
    /// degrees of freedom and two-sided p-value as R's <c>t.test(t, c, var.equal = FALSE)</c> and scipy's
    /// <c>ttest_ind(t, c, equal_var=False)</c>, and the difference's interval with those degrees of freedom.
    /// The relative lift's interval uses the delta method with the same t critical value. The difference
    /// needs one observation per side; everything else needs two, and some variance on at least one side.
    /// </summary>
    public static TreatmentComparison Compare(SufficientStatistics control, SufficientStatistics treatment, double alpha)
    {
        if (control.Mean is not { } mc || treatment.Mean is not { } mt) return TreatmentComparison.None;
        var difference = mt - mc;
        var relative = RelativeLift.Estimate(mc, mt);
        if (control.Variance is not { } sc2 || treatment.Variance is not { } st2)
            return TreatmentComparison.None with { Difference = difference, RelativeLift = relative };

        var varC = sc2 / control.N;
        var varT = st2 / treatment.N;
        var se = Math.Sqrt(varC + varT);
        if (!(se > 0) || !double.IsFinite(se) || !double.IsFinite(difference))
            return TreatmentComparison.None with { Difference = difference, RelativeLift = relative };

        // Welch–Satterthwaite (v_c + v_t)²/(v_c²/(n_c − 1) + v_t²/(n_t − 1)), written with the shares of the total
        // variance so that squaring large variances cannot overflow.
        double shareC = varC / (varC + varT), shareT = varT / (varC + varT);
        var df = 1 / (shareC * shareC / (control.N - 1) + shareT * shareT / (treatment.N - 1));
        var statistic = difference / se;
        // The lower tail of −|t| keeps precision for tiny p-values, where 1 − CDF(|t|) would round to 0.
        var pValue = 2 * StudentT.CDF(0, 1, df, -Math.Abs(statistic));
        var critical = StudentCritical(alpha, df);
        return new TreatmentComparison(
            difference, ConfidenceInterval.Around(difference, critical * se),
            relative, RelativeLift.Interval(mc, mt, varC, varT, critical),
            statistic, df, pValue);
    }

    /// <summary>t at 1 − α/2 with <paramref name="degreesOfFreedom"/>.</summary>
    internal static double StudentCritical(double alpha, double degreesOfFreedom) =>
        StudentT.InvCDF(0, 1, degreesOfFreedom, 1 - alpha / 2);
}
