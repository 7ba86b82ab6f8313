using FinSight.Core.Analysis;

namespace FinSight.Core.AbTesting;

/// <summary>
/// Picks the statistics that fit a metric's kind (Wilson and the z-test for binary metrics, Student t and
/// Welch for continuous ones) and turns them into result rows.
/// </summary>
public static class MetricComparison
{
    /// <summary>The confidence interval of one variant's mean (or rate) at level 1 − <paramref name="alpha"/>.</summary>
    public static ConfidenceInterval? Interval(AbMetricKind kind, SufficientStatistics sample, double alpha) =>
        kind == AbMetricKind.Binary ? ProportionStatistics.WilsonInterval(sample, alpha) : MeanStatistics.TInterval(sample, alpha);

    /// <summary>The unadjusted frequentist comparison of a treatment with control.</summary>
    public static TreatmentComparison Compare(AbMetricKind kind, SufficientStatistics control, SufficientStatistics treatment, double alpha) =>
        kind == AbMetricKind.Binary ? ProportionStatistics.Compare(control, treatment, alpha) : MeanStatistics.Compare(control, treatment, alpha);

    /// <summary>Chance to beat control and expected loss, in the metric's direction.</summary>
    public static BayesianResult? Bayesian(AbMetric metric, SufficientStatistics control, SufficientStatistics treatment) =>
        metric.Kind == AbMetricKind.Binary
            ? BayesianComparison.Binary(control, treatment, metric.Direction)
            : BayesianComparison.Continuous(control, treatment, metric.Direction);

    /// <summary>Control's row: its mean and interval; every comparison field null.</summary>
    public static AbVariantResult ControlRow(AbMetric metric, string name, SufficientStatistics sample, double alpha)
    {
        var ci = Interval(metric.Kind, sample, alpha);
        return new AbVariantResult(name, true, sample.N, sample.Mean, ci?.Low, ci?.High,
            null, null, null, null, null, null, null, null, null, null, false, false);
    }

    /// <summary>
    /// A treatment's row before the multiple-comparison correction: <see cref="AbVariantResult.PValueAdjusted"/>
    /// is null and <see cref="AbVariantResult.Better"/>/<see cref="AbVariantResult.Worse"/> are false until
    /// <see cref="WithAdjustedPValue"/> fills them.
    /// </summary>
    public static AbVariantResult TreatmentRow(
        AbMetric metric, string name, SufficientStatistics control, SufficientStatistics treatment, double alpha)
    {
        var ci = Interval(metric.Kind, treatment, alpha);
        var comparison = Compare(metric.Kind, control, treatment, alpha);
        var bayesian = Bayesian(metric, control, treatment);
        return new AbVariantResult(name, false, treatment.N, treatment.Mean, ci?.Low, ci?.High,
            comparison.RelativeLift, comparison.RelativeLiftCi?.Low, comparison.RelativeLiftCi?.High,
            comparison.Difference, comparison.DifferenceCi?.Low, comparison.DifferenceCi?.High,
            comparison.PValue, null, bayesian?.ChanceToBeatControl, bayesian?.ExpectedLoss, false, false);
    }

    /// <summary>
    /// The row with its corrected p-value, and <c>Better</c>/<c>Worse</c> set when that is below
    /// <paramref name="alpha"/>, by the sign of the difference in the metric's direction.
    /// </summary>
    public static AbVariantResult WithAdjustedPValue(AbVariantResult row, MetricDirection direction, double? adjusted, double alpha)
    {
        var significant = adjusted < alpha && row.AbsoluteLift is not null;
        var improvement = row.AbsoluteLift is { } d ? Improvement(direction, d) : 0;
        return row with
        {
            PValueAdjusted = adjusted,
            Better = significant && improvement > 0,
            Worse = significant && improvement < 0,
        };
    }

    /// <summary>A difference signed so that positive is good: itself when higher is better, negated when lower is.</summary>
    public static double Improvement(MetricDirection direction, double difference) =>
        direction == MetricDirection.Maximize ? difference : -difference;
}
