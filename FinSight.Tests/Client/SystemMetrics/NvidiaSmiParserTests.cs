using Xunit;
using FinSight.Client.SystemMetrics;

namespace FinSight.Tests.Client.SystemMetrics;

public class NvidiaSmiParserTests
{
    [Fact]
    public void Parse_OneH100_ReadsEveryField()
    {
        // Arrange
        var output = NvidiaSmiSamples.OneH100;

        // Act
        var readings = NvidiaSmiParser.Parse(output);

        // Assert
        var gpu = Assert.Single(readings);
        Assert.Equal(new GpuReading(0, 87, 30512, 81559, 64, 312.45), gpu);
    }

    [Fact]
    public void Parse_EightGpus_ReturnsOneReadingPerGpuInOrder()
    {
        // Arrange
        var output = NvidiaSmiSamples.EightA100;

        // Act
        var readings = NvidiaSmiParser.Parse(output);

        // Assert
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], readings.Select(r => r.Index));
        Assert.Equal(new GpuReading(4, 0, 4, 81920, 33, 61.40), readings[4]);
        Assert.Equal(402.55, readings[3].PowerW);
    }

    [Fact]
    public void Parse_NotAvailableOrNotSupportedFields_ReturnsNullForThoseFieldsOnly()
    {
        // Arrange
        var output = NvidiaSmiSamples.UnavailableFields;

        // Act
        var readings = NvidiaSmiParser.Parse(output);

        // Assert
        Assert.Equal(2, readings.Count);
        Assert.Equal(new GpuReading(0, null, 1024, 8192, 45, null), readings[0]);
        Assert.Equal(new GpuReading(1, null, 5120, 40960, 38, 57.12), readings[1]);
    }

    [Fact]
    public void Parse_DriverFailureMessage_ReturnsNoReadings()
    {
        // Arrange
        var output = NvidiaSmiSamples.DriverFailure;

        // Act
        var readings = NvidiaSmiParser.Parse(output);

        // Assert
        Assert.Empty(readings);
    }

    [Fact]
    public void Parse_WindowsLineEndingsAndHeader_SkipsHeaderAndReadsGpus()
    {
        // Arrange: someone ran the query without noheader; Windows prints CRLF.
        var output = "index, utilization.gpu [%], memory.used [MiB], memory.total [MiB], temperature.gpu, power.draw [W]\r\n" +
                     "0, 87, 30512, 81559, 64, 312.45\r\n";

        // Act
        var readings = NvidiaSmiParser.Parse(output);

        // Assert
        Assert.Equal(0, Assert.Single(readings).Index);
    }

    [Fact]
    public void Parse_EmptyOutput_ReturnsNoReadings()
    {
        // Act
        var readings = NvidiaSmiParser.Parse("");

        // Assert
        Assert.Empty(readings);
    }
}
