using FinSight.Dashboard.Data;
using Xunit;

namespace FinSight.Tests.Data;

public sealed class MainMetricTests
{
    [Theory]
    [InlineData("train_loss", "accuracy", "train_loss", "val_loss")]
    [InlineData("loss", "loss", "val_loss", "accuracy")]
    [InlineData("train/nll_loss", "val/nll_loss", "train/nll_loss")]
    [InlineData("accuracy", "system/cpu_percent", "accuracy", "zeta")]
    public void Choose_PrefersTheTrainingLoss(string expected, params string[] keys) =>
        Assert.Equal(expected, MainMetric.Choose(keys));

    [Fact]
    public void Choose_OnlySystemMetrics_Null() => Assert.Null(MainMetric.Choose(["system/cpu_percent"]));
}
