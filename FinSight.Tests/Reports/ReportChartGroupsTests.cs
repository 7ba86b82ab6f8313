using FinSight.Dashboard.Reports;
using Xunit;

namespace FinSight.Tests.Reports;

public sealed class ReportChartGroupsTests
{
    [Fact]
    public void Training_LossesShareAChart_OthersAlone_SystemAndFinancialLeftOut()
    {
        var groups = ReportChartGroups.Training(["val_loss", "accuracy", "train_loss", "system/cpu_percent", "fin/mae", "lr"]);

        Assert.Equal([["train_loss", "val_loss"], ["accuracy"], ["lr"]], groups.Select(g => g.ToArray()));
    }

    [Fact]
    public void Resources_PercentagesTogether_EveryOtherQuantityAcrossDevices()
    {
        var groups = ReportChartGroups.Resources(
        [
            "system/gpu/1/temperature_c", "system/cpu_percent", "system/gpu/0/utilization", "system/network_bytes",
            "system/gpu/0/temperature_c", "system/memory_percent", "loss",
        ]);

        Assert.Equal(
        [
            ("utilization (%)", new[] { "system/cpu_percent", "system/gpu/0/utilization", "system/memory_percent" }),
            ("network_bytes", new[] { "system/network_bytes" }),
            ("temperature_c", new[] { "system/gpu/0/temperature_c", "system/gpu/1/temperature_c" }),
        ], groups.Select(g => (g.Title, g.Keys.ToArray())));
    }
}
