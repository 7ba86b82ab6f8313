using FinSight.Core.Analysis;
using Xunit;

namespace FinSight.Tests.Core.Analysis;

public sealed class MetricDirectionsTests
{
    [Theory]
    [InlineData("train_loss", MetricDirection.Minimize)]
    [InlineData("val/loss", MetricDirection.Minimize)]
    [InlineData("rmse", MetricDirection.Minimize)]
    [InlineData("fin/max_drawdown", MetricDirection.Minimize)]
    [InlineData("val_accuracy", MetricDirection.Maximize)]
    [InlineData("eval/f1", MetricDirection.Maximize)]
    [InlineData("sharpe", MetricDirection.Maximize)]
    [InlineData("accuracy_error", MetricDirection.Minimize)]
    [InlineData("learning_rate", MetricDirection.Minimize)]
    [InlineData("fin/profit_loss", MetricDirection.Maximize)]
    [InlineData("profit_and_loss", MetricDirection.Maximize)]
    [InlineData("fin/sharpe_ratio", MetricDirection.Maximize)]
    [InlineData("fin/directional_accuracy", MetricDirection.Maximize)]
    [InlineData("fin/var_95", MetricDirection.Minimize)]
    [InlineData("fin/volatility", MetricDirection.Minimize)]
    [InlineData("fin/expected_shortfall_95", MetricDirection.Minimize)]
    public void Infer_CommonNames_GivesTheDirectionResearchersMean(string key, MetricDirection expected) =>
        Assert.Equal(expected, MetricDirections.Infer(key));

    [Fact]
    public void IsBetter_HonoursDirectionAndNeverPrefersNaN()
    {
        Assert.True(MetricDirection.Minimize.IsBetter(0.1, 0.2));
        Assert.True(MetricDirection.Maximize.IsBetter(0.9, 0.8));
        Assert.False(MetricDirection.Minimize.IsBetter(double.NaN, 0.2));
        Assert.True(MetricDirection.Maximize.IsBetter(0.1, double.NaN));
    }
}
