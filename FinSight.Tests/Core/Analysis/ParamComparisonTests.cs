using FinSight.Core.Analysis;
using FinSight.Core.Contracts;
using Xunit;

namespace FinSight.Tests.Core.Analysis;

public sealed class ParamComparisonTests
{
    private static IReadOnlyList<KeyValueEntry> Params(params (string Key, string Value)[] entries) =>
        entries.Select(e => new KeyValueEntry(e.Key, e.Value)).ToList();

    [Fact]
    public void Build_ParamsOfSeveralRuns_RowPerKeyWithValuesInRunOrder()
    {
        var rows = ParamComparison.Build([
            Params(("optimizer", "adam"), ("lr", "0.001")),
            Params(("lr", "0.01"), ("layers", "4")),
        ]);

        Assert.Equal(["layers", "lr", "optimizer"], rows.Select(r => r.Key));
        Assert.Equal([null, "4"], rows[0].Values);
        Assert.Equal(["0.001", "0.01"], rows[1].Values);
        Assert.Equal(["adam", null], rows[2].Values);
    }

    [Fact]
    public void Build_SameNumberWrittenTwoWays_NotADifference()
    {
        var rows = ParamComparison.Build([Params(("lr", "0.001"), ("seed", "1")), Params(("lr", "1e-3"), ("seed", "2"))]);

        Assert.False(rows.Single(r => r.Key == "lr").Differs);
        Assert.True(rows.Single(r => r.Key == "seed").Differs);
    }

    [Fact]
    public void Build_MissingInOneRun_Differs()
    {
        var rows = ParamComparison.Build([Params(("dropout", "0.1")), Params()]);

        Assert.True(Assert.Single(rows).Differs);
    }

    [Fact]
    public void Build_NumbersAndText_NumericOnlyWhenEveryLoggedValueIsANumber()
    {
        var rows = ParamComparison.Build([
            Params(("batch", "32"), ("act", "relu"), ("mixed", "1")),
            Params(("batch", "64"), ("act", "gelu"), ("mixed", "auto")),
            Params(("act", "relu")),
        ]);

        var batch = rows.Single(r => r.Key == "batch");
        Assert.True(batch.IsNumeric);
        Assert.Equal([32, 64, double.NaN], batch.Numbers);
        Assert.False(rows.Single(r => r.Key == "act").IsNumeric);
        Assert.False(rows.Single(r => r.Key == "mixed").IsNumeric);
    }
}
