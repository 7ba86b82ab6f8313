using FinSight.Core.Analysis;
using FinSight.Core.Contracts;
using Xunit;

namespace FinSight.Tests.Core.Analysis;

public sealed class RunRankingTests
{
    private static IReadOnlyList<RankedEntry<string>> Rank(MetricDirection direction, params (string Run, double? Value)[] runs) =>
        RunRanking.Rank(runs, r => r.Value, direction).Select(e => new RankedEntry<string>(e.Item.Run, e.Value, e.Rank)).ToList();

    [Fact]
    public void Rank_LowerIsBetter_SmallestFirst()
    {
        var ranked = Rank(MetricDirection.Minimize, ("a", 0.9), ("b", 0.1), ("c", 0.5));

        Assert.Equal(["b", "c", "a"], ranked.Select(e => e.Item));
        Assert.Equal([1, 2, 3], ranked.Select(e => e.Rank!.Value));
    }

    [Fact]
    public void Rank_HigherIsBetter_LargestFirst()
    {
        var ranked = Rank(MetricDirection.Maximize, ("a", 0.9), ("b", 0.1), ("c", 0.5));

        Assert.Equal(["a", "c", "b"], ranked.Select(e => e.Item));
    }

    [Fact]
    public void Rank_NaNAndMissing_LastInInputOrderWithoutRank()
    {
        var ranked = Rank(MetricDirection.Maximize, ("nan", double.NaN), ("good", 0.8), ("missing", null), ("worse", 0.2));

        Assert.Equal(["good", "worse", "nan", "missing"], ranked.Select(e => e.Item));
        Assert.Equal([1, 2, null, null], ranked.Select(e => e.Rank));
        Assert.True(double.IsNaN(ranked[2].Value!.Value));
        Assert.Null(ranked[3].Value);
    }

    [Fact]
    public void Rank_Ties_KeepInputOrderAndShareARank()
    {
        var ranked = Rank(MetricDirection.Minimize, ("first", 0.3), ("best", 0.1), ("second", 0.3), ("third", 0.3), ("last", 0.7));

        Assert.Equal(["best", "first", "second", "third", "last"], ranked.Select(e => e.Item));
        Assert.Equal([1, 2, 2, 2, 5], ranked.Select(e => e.Rank!.Value));
    }

    [Fact]
    public void Rank_TiesWhenMaximizing_StillInInputOrder()
    {
        var ranked = Rank(MetricDirection.Maximize, ("x", 1.0), ("y", 1.0), ("z", 2.0));

        Assert.Equal(["z", "x", "y"], ranked.Select(e => e.Item));
    }

    [Fact]
    public void Rank_Infinities_RankedAsNumbers()
    {
        var ranked = Rank(MetricDirection.Minimize, ("diverged", double.PositiveInfinity), ("ok", 0.4), ("nan", double.NaN));

        Assert.Equal(["ok", "diverged", "nan"], ranked.Select(e => e.Item));
    }

    [Fact]
    public void Rank_FlippedDirection_ReversesTheRankedPartOnly()
    {
        var runs = new (string, double?)[] { ("a", 1), ("b", 2), ("gap", null), ("c", 3) };

        var lower = Rank(MetricDirection.Minimize, runs).Select(e => e.Item);
        var higher = Rank(MetricDirection.Maximize, runs).Select(e => e.Item);

        Assert.Equal(["a", "b", "c", "gap"], lower);
        Assert.Equal(["c", "b", "a", "gap"], higher);
    }

    [Theory]
    [InlineData(MetricDirection.Minimize, MetricAggregate.Best, 0.1)]
    [InlineData(MetricDirection.Maximize, MetricAggregate.Best, 0.9)]
    [InlineData(MetricDirection.Minimize, MetricAggregate.Last, 0.4)]
    [InlineData(MetricDirection.Maximize, MetricAggregate.Last, 0.4)]
    public void Pick_BestOrLast_HonoursDirection(MetricDirection direction, MetricAggregate aggregate, double expected)
    {
        var summary = new MetricSummary("m", Latest: 0.4, LatestStep: 9, LatestTimestamp: 0, Min: 0.1, Max: 0.9, Count: 10);

        Assert.Equal(expected, RunRanking.Pick(summary, aggregate, direction));
    }
}
