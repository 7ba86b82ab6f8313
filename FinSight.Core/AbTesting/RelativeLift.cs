namespace FinSight.Core.AbTesting;

/// <summary>
/// The relative lift (t − c)/|c| and its delta-method interval, shared by the proportion and mean tests. Dividing by
/// |c| rather than c keeps the sign meaning "treatment is higher" when the control mean is negative (returns, P&amp;L).
/// </summary>
public static class RelativeLift
{
    /// <summary>(treatment − control)/|control|, or null when the control mean is 0 (no ratio to speak of).</summary>
    public static double? Estimate(double controlMean, double treatmentMean) =>
        controlMean == 0 ? null : (treatmentMean - controlMean) / Math.Abs(controlMean);

    /// <summary>
    /// The interval lift ± critical·√var with the first-order delta-method variance of t/c,
    /// var ≈ var_t/c² + t²·var_c/c⁴, where var_x is the variance of each mean (s²/n). Null when the control
    /// mean is 0 or neither mean varies (a zero-width interval would claim certainty the data cannot give).
    /// </summary>
    public static ConfidenceInterval? Interval(
        double controlMean, double treatmentMean, double controlMeanVariance, double treatmentMeanVariance, double critical)
    {
        if (Estimate(controlMean, treatmentMean) is not { } lift) return null;
        // (var_t + (t/c)²·var_c)/c²: the same as var_t/c² + t²·var_c/c⁴, without forming c⁴ (which overflows for large means).
        var ratio = treatmentMean / controlMean;
        var variance = (treatmentMeanVariance + ratio * ratio * controlMeanVariance) / (controlMean * controlMean);
        if (!(variance > 0) || !double.IsFinite(variance)) return null;
        return ConfidenceInterval.Around(lift, critical * Math.Sqrt(variance));
    }
}
