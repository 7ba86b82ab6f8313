using Xunit;
using FinSight.Client.SystemMetrics;

namespace FinSight.Tests.Client.SystemMetrics;

public class MemInfoParserTests
{
    // Head of /proc/meminfo on a 64 GB training box.
    private const string Capture =
        "MemTotal:       65843012 kB\n" +
        "MemFree:         2215436 kB\n" +
        "MemAvailable:   24680120 kB\n" +
        "Buffers:          812340 kB\n" +
        "Cached:         21002388 kB\n" +
        "SwapCached:            0 kB\n" +
        "Active:         30110220 kB\n" +
        "HugePages_Total:       0\n" +
        "Hugepagesize:       2048 kB\n";

    [Fact]
    public void Parse_RealCapture_ReadsTotalAndAvailableInBytes()
    {
        // Act
        var memory = MemInfoParser.Parse(Capture);

        // Assert
        Assert.Equal(new MemoryReading(65843012L * 1024, 24680120L * 1024), memory);
    }

    [Fact]
    public void Parse_RealCapture_ComputesUsedPercentAndGb()
    {
        // Act
        var memory = MemInfoParser.Parse(Capture)!.Value;

        // Assert
        Assert.Equal((65843012 - 24680120) * 100.0 / 65843012, memory.UsedPercent, precision: 9);
        Assert.Equal((65843012 - 24680120) / (1024.0 * 1024.0), memory.UsedGb, precision: 9);
    }

    [Fact]
    public void Parse_NoMemAvailable_ReturnsNull()
    {
        // Arrange: kernels before 3.14.
        var capture = "MemTotal:       65843012 kB\nMemFree:         2215436 kB\n";

        // Act
        var memory = MemInfoParser.Parse(capture);

        // Assert
        Assert.Null(memory);
    }
}
