using Xunit;
using FinSight.Client.SystemMetrics;

namespace FinSight.Tests.Client.SystemMetrics;

public class SystemMetricsSamplerTests
{
    [Fact]
    public void AddGpu_AllFields_AddsFiveMetricsWithMemoryInGb()
    {
        // Arrange
        var sample = new Dictionary<string, double>();
        var gpu = NvidiaSmiParser.Parse(NvidiaSmiSamples.OneH100)[0];

        // Act
        SystemMetricsSampler.AddGpu(sample, gpu);

        // Assert
        Assert.Equal(87, sample["system/gpu/0/utilization"]);
        Assert.Equal(30512 / 1024.0, sample["system/gpu/0/memory_used_gb"]);
        Assert.Equal(81559 / 1024.0, sample["system/gpu/0/memory_total_gb"]);
        Assert.Equal(64, sample["system/gpu/0/temperature_c"]);
        Assert.Equal(312.45, sample["system/gpu/0/power_w"]);
        Assert.Equal(5, sample.Count);
    }

    [Fact]
    public void AddGpu_UnavailableFields_OmitsThoseMetrics()
    {
        // Arrange
        var sample = new Dictionary<string, double>();
        var gpu = NvidiaSmiParser.Parse(NvidiaSmiSamples.UnavailableFields)[0];

        // Act
        SystemMetricsSampler.AddGpu(sample, gpu);

        // Assert
        Assert.Equal(
            ["system/gpu/0/memory_total_gb", "system/gpu/0/memory_used_gb", "system/gpu/0/temperature_c"],
            sample.Keys.Order());
    }

    [Fact]
    public async Task ReadAsync_NvidiaSmiMissing_ReturnsNothingAndStaysUnavailable()
    {
        // Arrange
        var nvidiaSmi = new NvidiaSmi("/nonexistent/nvidia-smi");

        // Act
        var readings = await nvidiaSmi.ReadAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.Empty(readings);
        Assert.False(nvidiaSmi.IsAvailable);
    }
}
