using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace FinSight.Core.Analysis.Hyperparameters;

/// <summary>Pearson and Spearman correlations with p-values, as scipy.stats.pearsonr and spearmanr report them.</summary>
public static class Correlations
{
    /// <summary>Pearson's r of paired samples and its p-value; null with fewer than 3 pairs or when either side is constant.</summary>
    public static CorrelationResult? Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y) =>
        Test(x, y, () => Correlation.Pearson(x, y));

    /// <summary>
    /// Spearman's ρ (Pearson's r of the ranks, ties sharing their average rank) and its p-value from the same t
    /// approximation scipy's spearmanr uses; null with fewer than 3 pairs or when either side is constant.
    /// </summary>
    public static CorrelationResult? Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y) =>
        Test(x, y, () => Correlation.Spearman(x, y));

    /// <summary>
    /// The correlation ratio η of a categorical variable and a numeric one, √(between-group sum of squares / total sum
    /// of squares), with the p-value of the one-way ANOVA F test, F = (SSB/(k − 1)) / (SSW/(n − k)), as
    /// scipy.stats.f_oneway reports it. η is 0 when every category has the same mean and 1 when the category fixes the
    /// value. Null with fewer than 2 categories, no more runs than categories, or a constant <paramref name="y"/>.
    /// </summary>
    public static CorrelationResult? CorrelationRatio(IReadOnlyList<string> categories, IReadOnlyList<double> y)
    {
        if (categories.Count != y.Count) throw new ArgumentException($"Paired samples differ in length ({categories.Count} and {y.Count}).", nameof(y));
        var n = y.Count;
        var groups = Enumerable.Range(0, n).GroupBy(i => categories[i], StringComparer.Ordinal).ToList();
        var k = groups.Count;
        if (k < 2 || n <= k || IsConstant(y)) return null;
        var mean = y.Average();
        var total = y.Sum(v => (v - mean) * (v - mean));
        var between = groups.Sum(g =>
        {
            var groupMean = g.Average(i => y[i]);
            return g.Count() * (groupMean - mean) * (groupMean - mean);
        });
        var within = Math.Max(0, total - between);
        var eta = Math.Sqrt(Math.Clamp(between / total, 0, 1));
        if (within == 0) return new CorrelationResult(eta, 0, n);
        var f = between / (k - 1) / (within / (n - k));
        return new CorrelationResult(eta, Math.Clamp(1 - FisherSnedecor.CDF(k - 1, n - k, f), 0, 1), n);
    }

    /// <summary>
    /// The two-sided p-value of a correlation <paramref name="r"/> from <paramref name="n"/> pairs:
    /// t = r·√((n − 2)/(1 − r²)) with n − 2 degrees of freedom; 0 for a perfect correlation.
    /// </summary>
    public static double PValue(double r, int n)
    {
        if (n < 3) throw new ArgumentOutOfRangeException(nameof(n), n, "A correlation's p-value needs at least 3 pairs.");
        var r2 = r * r;
        if (r2 >= 1) return 0;
        var t = Math.Abs(r) * Math.Sqrt((n - 2) / (1 - r2));
        // The lower tail of −|t| keeps precision for tiny p-values, where 1 − CDF(|t|) would round to 0.
        return Math.Min(1, 2 * StudentT.CDF(0, 1, n - 2, -t));
    }

    private static CorrelationResult? Test(IReadOnlyList<double> x, IReadOnlyList<double> y, Func<double> coefficient)
    {
        if (x.Count != y.Count) throw new ArgumentException($"Paired samples differ in length ({x.Count} and {y.Count}).", nameof(y));
        if (x.Count < 3 || IsConstant(x) || IsConstant(y)) return null;
        // Rounding can carry a perfect correlation a hair past ±1.
        var r = Math.Clamp(coefficient(), -1, 1);
        return double.IsFinite(r) ? new CorrelationResult(r, PValue(r, x.Count), x.Count) : null;
    }

    private static bool IsConstant(IReadOnlyList<double> values) => values.All(v => v == values[0]);
}
