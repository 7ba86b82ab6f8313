using FinSight.Core.Analysis;
using Xunit;

namespace FinSight.Tests.Core.Analysis;

public sealed class MetricSelectionTests
{
    [Fact]
    public void DefaultKeys_SharedLossKeys_TrainBeforeValidationWithoutSystemMetrics()
    {
        string[] a = ["val_loss", "train_loss", "accuracy", "system/cpu_percent", "system/loss_scale"];
        string[] b = ["train_loss", "val_loss", "accuracy", "system/cpu_percent", "system/loss_scale", "extra_loss"];

        Assert.Equal(["train_loss", "val_loss"], MetricSelection.DefaultKeys([a, b]));
    }

    [Fact]
    public void DefaultKeys_ProfitAndLoss_IsNotALossCurve()
    {
        // A run that logged its forecast's financial metrics has fin/profit_loss: P&L, higher is better, not a loss.
        string[] a = ["train_loss", "val_loss", "fin/profit_loss", "fin/sharpe_ratio"];
        string[] b = ["train_loss", "val_loss", "fin/profit_loss", "fin/sharpe_ratio"];

        Assert.Equal(["train_loss", "val_loss"], MetricSelection.DefaultKeys([a, b]));
        Assert.False(MetricSelection.IsLossLike("fin/profit_loss"));
        Assert.True(MetricSelection.IsLossLike("val/loss"));
    }

    [Fact]
    public void DefaultKeys_NoSharedLoss_FirstSharedKeys()
    {
        string[] a = ["accuracy", "f1", "a_loss"];
        string[] b = ["accuracy", "f1", "b_loss"];

        Assert.Equal(["accuracy", "f1"], MetricSelection.DefaultKeys([a, b]));
    }

    [Fact]
    public void DefaultKeys_NothingShared_LossKeysOfAnyRun()
    {
        string[] a = ["a_loss", "system/gpu/0/utilization"];
        string[] b = ["b_loss"];

        Assert.Equal(["a_loss", "b_loss"], MetricSelection.DefaultKeys([a, b]));
    }

    [Fact]
    public void DefaultKeys_OnlySystemMetrics_Empty()
    {
        string[] a = ["system/cpu_percent"];

        Assert.Empty(MetricSelection.DefaultKeys([a, a]));
    }
}
