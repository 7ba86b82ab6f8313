using FinSight.Core.Analysis;
using FinSight.Core.Analysis.Comparison;
using Xunit;

namespace FinSight.Tests.Core.Analysis.Comparison;

public sealed class ParetoAnalysisTests
{
    private static readonly ComparisonMetric Loss = new("val_loss", MetricDirection.Minimize);
    private static readonly ComparisonMetric Accuracy = new("accuracy", MetricDirection.Maximize);

    /// <summary>
    /// Lower loss and higher accuracy are better. Checked by hand:
    /// a (0.10, 0.80) and f (same) tie: neither beats the other, both on the front;
    /// c (0.15, 0.85), b (0.20, 0.90), e (0.30, 0.95) each trade loss for accuracy: on the front;
    /// d (0.20, 0.85) is beaten by b (same loss, better accuracy) and by c (better loss, same accuracy);
    /// i (0.12, 0.70) is beaten by a on both; g (NaN loss), h (no accuracy), j (infinite loss) are left out.
    /// </summary>
    private static readonly (string, double?, double?)[] Runs =
    [
        ("a", 0.10, 0.80), ("b", 0.20, 0.90), ("c", 0.15, 0.85), ("d", 0.20, 0.85), ("e", 0.30, 0.95),
        ("f", 0.10, 0.80), ("g", double.NaN, 0.99), ("h", 0.05, null), ("i", 0.12, 0.70), ("j", double.PositiveInfinity, 0.99),
    ];

    [Fact]
    public void Front_MixedDirectionsTiesAndNaN_HandCheckedFront()
    {
        var pareto = ParetoAnalysis.Front(Loss, Accuracy, Runs);

        Assert.Equal(["a", "f", "c", "b", "e"], pareto.Front.Select(p => p.RunId));
        Assert.Equal(["a", "b", "c", "d", "e", "f", "i"], pareto.Points.Select(p => p.RunId));
        Assert.Equal(["d", "i"], pareto.Points.Where(p => !p.OnFront).Select(p => p.RunId));
        Assert.Equal(["g", "h", "j"], pareto.Excluded.Select(e => e.RunId));
        Assert.Equal(["val_loss"], pareto.Excluded[0].Metrics);
        Assert.Equal(["accuracy"], pareto.Excluded[1].Metrics);
    }

    [Fact]
    public void Front_BothHigherIsBetter_FrontIsTheUpperRight()
    {
        var sharpe = new ComparisonMetric("sharpe", MetricDirection.Maximize);

        var pareto = ParetoAnalysis.Front(sharpe, Accuracy, [("low", 1.0, 0.5), ("high", 2.0, 0.6), ("mixed", 3.0, 0.4)]);

        Assert.Equal(["high", "mixed"], pareto.Front.Select(p => p.RunId));
    }

    [Fact]
    public void Front_ChangingADirection_ChangesTheFront()
    {
        var lossAsScore = Loss with { Direction = MetricDirection.Maximize };

        var pareto = ParetoAnalysis.Front(lossAsScore, Accuracy, Runs);

        // Now high loss is good too: e (0.30, 0.95) beats everyone on both.
        Assert.Equal(["e"], pareto.Front.Select(p => p.RunId));
    }

    [Fact]
    public void Front_NoFiniteValues_EmptyWithEveryRunExcluded()
    {
        var pareto = ParetoAnalysis.Front(Loss, Accuracy, [("a", null, null), ("b", double.NaN, 0.5)]);

        Assert.Empty(pareto.Points);
        Assert.Equal(["val_loss", "accuracy"], pareto.Excluded[0].Metrics);
    }
}
