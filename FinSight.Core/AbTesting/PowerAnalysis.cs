namespace FinSight.Core.AbTesting;

/// <summary>Planned sample size per variant from a minimum detectable effect (two-sided test at α, given power).</summary>
public static class PowerAnalysis
{
    /// <summary>
    /// Units per variant needed to detect a relative lift of <paramref name="minDetectableEffect"/> on
    /// <paramref name="metric"/> (whose <see cref="AbMetric.Baseline"/>, and for a continuous metric
    /// <see cref="AbMetric.BaselineStdDev"/>, are set) with probability <paramref name="power"/>.
    /// </summary>
    public static long SampleSizePerVariant(AbMetric metric, double minDetectableEffect, double alpha, double power) =>
        throw new NotImplementedException("Statistics engine: to be written.");
}
