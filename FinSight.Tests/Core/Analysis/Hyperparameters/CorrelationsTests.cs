using FinSight.Core.Analysis.Hyperparameters;
using Xunit;

namespace FinSight.Tests.Core.Analysis.Hyperparameters;

// Reference values are computed by hand (scipy is not installed here), with closed forms of Student's t:
// with n = 4 pairs (2 degrees of freedom) t = r·√(2/(1 − r²)) gives 2 + t² = 2/(1 − r²), and the two-sided p-value
// 1 − |t|/√(2 + t²) is exactly 1 − |r|. With n = 5 (3 degrees of freedom) the CDF is
// 1/2 + (1/π)·[(t/√3)/(1 + t²/3) + atan(t/√3)]. These are the numbers scipy.stats.pearsonr and spearmanr report.
public sealed class CorrelationsTests
{
    [Fact]
    public void Pearson_FourPairs_RAndPValueFromTheClosedForm()
    {
        // x − 2.5 = (−1.5, −0.5, 0.5, 1.5), y − 2.5 = (−0.5, −1.5, 1.5, 0.5): Σdxdy = 3, Σdx² = Σdy² = 5, r = 3/5; p = 1 − 0.6.
        var result = Correlations.Pearson([1, 2, 3, 4], [2, 1, 4, 3])!.Value;

        Assert.Equal(0.6, result.Coefficient, 12);
        Assert.Equal(0.4, result.PValue, 10);
        Assert.Equal(4, result.N);
    }

    [Fact]
    public void Pearson_FivePairsCurved_KnownRAndPValue()
    {
        // y − 26 = (−25, −22, −17, −10, 74), x − 3 = (−2, −1, 0, 1, 2): Σdxdy = 210, Σdx² = 10, Σdy² = 6974,
        // r = 210/√69740 = 0.7952035738; t = r·√(3/(1 − r²)) = 2.2715427349; p = 2·(1 − F₃(t)) = 0.1077716586.
        var result = Correlations.Pearson([1, 2, 3, 4, 5], [1, 4, 9, 16, 100])!.Value;

        Assert.Equal(0.7952035738296035, result.Coefficient, 12);
        Assert.Equal(0.10777165864323024, result.PValue, 8);
    }

    [Fact]
    public void Spearman_MonotoneButCurved_IsOneWithPValueZero()
    {
        var result = Correlations.Spearman([1, 2, 3, 4, 5], [1, 4, 9, 16, 100])!.Value;

        Assert.Equal(1, result.Coefficient, 12);
        Assert.Equal(0, result.PValue);
    }

    [Fact]
    public void Spearman_Ties_ShareTheirAverageRank()
    {
        // Ranks of x = (1, 2.5, 2.5, 4), of y = (1, 3, 2, 4); minus 2.5: (−1.5, 0, 0, 1.5) and (−1.5, 0.5, −0.5, 1.5):
        // Σ = 4.5, Σdx² = 4.5, Σdy² = 5, ρ = 4.5/√22.5 = 0.9486832981; n = 4, so p = 1 − ρ = 0.0513167019.
        var result = Correlations.Spearman([1, 2, 2, 3], [1, 3, 2, 4])!.Value;

        Assert.Equal(0.9486832980505138, result.Coefficient, 12);
        Assert.Equal(0.0513167019494862, result.PValue, 10);
    }

    [Fact]
    public void Pearson_NegativeCorrelation_SameTwoSidedPValue()
    {
        var result = Correlations.Pearson([1, 2, 3, 4], [3, 4, 1, 2])!.Value;

        Assert.Equal(-0.6, result.Coefficient, 12);
        Assert.Equal(0.4, result.PValue, 10);
    }

    [Fact]
    public void CorrelationRatio_TwoGroups_EtaAndAnovaPValue()
    {
        // Mean 2.5, total SS = 5; group means 1.5 and 3.5, SSB = 2·1² + 2·1² = 4, so η = √0.8 = 0.894427191. SSW = 1,
        // F = (4/1)/(1/2) = 8 on (1, 2) df; F(1, 2) is t² with 2 df, so p = 1 − √8/√(2 + 8) = 1 − √0.8 = 0.105572809.
        var result = Correlations.CorrelationRatio(["a", "a", "b", "b"], [1, 2, 3, 4])!.Value;

        Assert.Equal(0.8944271909999159, result.Coefficient, 12);
        Assert.Equal(0.10557280900008414, result.PValue, 9);
    }

    [Fact]
    public void CorrelationRatio_OneCategoryOrOneRunPerCategory_Null()
    {
        Assert.Null(Correlations.CorrelationRatio(["a", "a", "a"], [1, 2, 3]));
        Assert.Null(Correlations.CorrelationRatio(["a", "b", "c"], [1, 2, 3]));
    }

    [Theory]
    [InlineData(new double[] { 1, 2 }, new double[] { 3, 4 })]
    [InlineData(new double[] { 1, 1, 1 }, new double[] { 3, 4, 5 })]
    [InlineData(new double[] { 1, 2, 3 }, new double[] { 7, 7, 7 })]
    public void Correlations_TooFewPairsOrConstantSide_Null(double[] x, double[] y)
    {
        Assert.Null(Correlations.Pearson(x, y));
        Assert.Null(Correlations.Spearman(x, y));
    }
}
