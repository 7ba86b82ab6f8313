using MathNet.Numerics;

namespace FinSight.Core.AbTesting;

/// <summary>
/// The sample-ratio-mismatch check: a chi-square goodness-of-fit test of units per variant against the
/// split. A mismatch means assignment or logging is broken (bots, redirects, crashes in one variant), and
/// then no comparison can be trusted, however significant.
/// </summary>
public static class SampleRatioCheck
{
    /// <summary>
    /// Flag below this p-value. Strict on purpose: the check runs on every look at every test, and a false
    /// alarm throws away a good test, while a real mismatch usually yields far smaller p-values.
    /// </summary>
    public const double Threshold = 0.001;

    /// <summary>The check of <paramref name="units"/> (by variant name; missing variants have 0) against the design's weights.</summary>
    public static AbSrmResult Check(IReadOnlyList<AbVariant> variants, IReadOnlyDictionary<string, long> units)
    {
        var observed = variants.Select(v => units.GetValueOrDefault(v.Name)).ToArray();
        var total = observed.Sum();
        var pValue = PValue(observed, variants.Select(v => v.Weight).ToArray());
        var rows = variants
            .Select((v, i) => new AbSrmVariant(v.Name, observed[i], v.Weight, total > 0 ? (double)observed[i] / total : null))
            .ToList();
        return new AbSrmResult(pValue, pValue < Threshold, rows);
    }

    /// <summary>
    /// The p-value of Pearson's chi-square statistic Σ(o − e)²/e with k − 1 degrees of freedom, where
    /// e = total·weight (as scipy's <c>chisquare(observed, total·weights)</c>). Null without units or with
    /// fewer than two variants. Weights are normalised, so a split summing to 1 within rounding is exact.
    /// </summary>
    public static double? PValue(IReadOnlyList<long> observed, IReadOnlyList<double> weights)
    {
        if (observed.Count != weights.Count) throw new ArgumentException("One weight per variant is needed.", nameof(weights));
        double total = observed.Sum();
        var weightSum = weights.Sum();
        if (total <= 0 || observed.Count < 2 || !(weightSum > 0)) return null;
        var statistic = 0.0;
        for (var i = 0; i < observed.Count; i++)
        {
            var expected = total * weights[i] / weightSum;
            if (expected <= 0)
            {
                // A variant that should get nothing but got units is a mismatch beyond any doubt.
                if (observed[i] > 0) return 0;
                continue;
            }
            var deviation = observed[i] - expected;
            statistic += deviation * deviation / expected;
        }
        // The chi-square survival function Q(k/2, x/2), taken directly: 1 − CDF would round tiny p-values to 0.
        return SpecialFunctions.GammaUpperRegularized((observed.Count - 1) / 2.0, statistic / 2);
    }
}
