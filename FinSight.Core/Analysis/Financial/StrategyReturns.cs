namespace FinSight.Core.Analysis.Financial;

/// <summary>The returns of the strategy that trades on the predictions, when the caller sends no returns of their own.</summary>
public static class StrategyReturns
{
    /// <summary>
    /// <c>r_t = sign(p_t − a_{t−1}) · (a_t − a_{t−1}) / a_{t−1}</c> for t ≥ 1: long one unit when the prediction is above the
    /// last actual value, short when below, flat when equal. Undefined when some <c>a_{t−1}</c> is 0 (a return relative to 0),
    /// or when a return overflows.
    /// </summary>
    /// <returns>The n − 1 returns, or null with the reason they are undefined.</returns>
    public static (double[]? Returns, string? Undefined) Derive(IReadOnlyList<double> actual, IReadOnlyList<double> predicted)
    {
        var returns = new double[Math.Max(0, actual.Count - 1)];
        for (var t = 1; t < actual.Count; t++)
        {
            var previous = actual[t - 1];
            if (previous == 0)
            {
                return (null, $"actual[{t - 1}] is 0, so the strategy's return for period {t}, (a_t − a_(t−1)) / a_(t−1), is undefined; " +
                    "send the strategy's returns to get the return-based metrics");
            }
            var r = Math.Sign(predicted[t] - previous) * ((actual[t] - previous) / previous);
            if (!double.IsFinite(r)) return (null, $"the strategy's return for period {t} is not a finite number (the values are too large)");
            returns[t - 1] = r;
        }
        return (returns, null);
    }
}
