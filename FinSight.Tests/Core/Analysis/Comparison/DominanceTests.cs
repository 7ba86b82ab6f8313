using FinSight.Core.Analysis;
using FinSight.Core.Analysis.Comparison;
using Xunit;

namespace FinSight.Tests.Core.Analysis.Comparison;

public sealed class DominanceTests
{
    private static readonly ComparisonMetric[] Metrics =
    [
        new("train_loss", MetricDirection.Minimize), new("val_loss", MetricDirection.Minimize), new("accuracy", MetricDirection.Maximize),
    ];

    private static IReadOnlyList<DominatedRunFinding> Find(params (string Run, double?[] Values)[] runs) =>
        Dominance.FindDominated(runs.Select(r => r.Run).ToList(), runs.Select(r => (IReadOnlyList<double?>)r.Values).ToList(), Metrics);

    [Theory]
    [InlineData(new[] { 0.1, 0.2, 0.9 }, new[] { 0.2, 0.3, 0.8 }, true)]   // better on all
    [InlineData(new[] { 0.1, 0.3, 0.8 }, new[] { 0.2, 0.3, 0.8 }, true)]   // better on one, equal on the rest
    [InlineData(new[] { 0.1, 0.2, 0.9 }, new[] { 0.1, 0.2, 0.9 }, false)]  // equal: nobody dominates
    [InlineData(new[] { 0.1, 0.2, 0.7 }, new[] { 0.2, 0.3, 0.8 }, false)]  // worse accuracy (higher is better)
    [InlineData(new[] { 0.1, double.NaN, 0.9 }, new[] { 0.2, 0.3, 0.8 }, false)]
    [InlineData(new[] { 0.1, 0.2, 0.9 }, new[] { 0.2, double.NaN, 0.8 }, false)]
    public void Dominates_HonoursEachDirection(double[] a, double[] b, bool expected)
    {
        Assert.Equal(expected, Dominance.Dominates(a, b, Metrics.Select(m => m.Direction).ToList()));
    }

    [Fact]
    public void FindDominated_FixedSet_HandChecked()
    {
        var dominated = Find(
            ("p", [0.1, 0.2, 0.9]),
            ("q", [0.2, 0.3, 0.8]),          // beaten on all three by p and r, and by w
            ("r", [0.1, 0.2, 0.9]),          // equal to p: neither dominates
            ("s", [0.05, 0.4, 0.95]),        // best train loss and accuracy: not dominated
            ("t", [0.2, 0.3, 0.8]),          // equal to q, beaten by p and r
            ("u", [0.1, double.NaN, 0.5]),   // NaN: cannot be compared on all metrics
            ("v", [0.1, 0.2, null]),         // missing: likewise
            ("w", [0.1, 0.2, 0.85]));        // equal losses to p, worse accuracy

        Assert.Equal(["q", "t", "w"], dominated.Select(d => d.RunId));
        // w dominates q too, but is itself dominated: the runs nobody beats come first.
        Assert.Equal(["p", "r", "w"], dominated[0].DominatedBy);
        Assert.Equal(["p", "r"], dominated[2].DominatedBy);
        Assert.Equal(["train_loss", "val_loss", "accuracy"], dominated[0].BetterOn);
        Assert.Equal(["accuracy"], dominated[2].BetterOn);
    }

    [Fact]
    public void FindDominated_ChainOfDominance_NamesTheUndominatedRunFirst()
    {
        var dominated = Find(("x", [0.3, 0.3, 0.3]), ("y", [0.2, 0.2, 0.4]), ("z", [0.1, 0.1, 0.5]));

        Assert.Equal(["x", "y"], dominated.Select(d => d.RunId));
        Assert.Equal(["z", "y"], dominated[0].DominatedBy);
    }
}
