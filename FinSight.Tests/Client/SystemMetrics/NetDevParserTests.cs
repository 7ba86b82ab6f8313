using Xunit;
using FinSight.Client.SystemMetrics;

namespace FinSight.Tests.Client.SystemMetrics;

public class NetDevParserTests
{
    // /proc/net/dev of a container host: loopback, two idle ifb devices, the real NIC and a bridge.
    private const string Capture =
        "Inter-|   Receive                                                |  Transmit\n" +
        " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n" +
        "    lo:    3193      29    0    0    0     0          0         0     3193      29    0    0    0     0       0          0\n" +
        "  ifb0:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0\n" +
        "  eth0: 159841443    4533    0    0    0     0          0         0   312455    3141    0    0    0     0       0          0\n" +
        "docker0: 52000     400    0    0    0     0          0         0    61000     410    0    0    0     0       0          0\n";

    [Fact]
    public void TotalBytes_RealCapture_SumsReceiveAndTransmitOfNonLoopbackInterfaces()
    {
        // Act
        var total = NetDevParser.TotalBytes(Capture);

        // Assert
        Assert.Equal(159841443L + 312455 + 52000 + 61000, total);
    }

    [Fact]
    public void TotalBytes_CounterGluedToColon_ReadsIt()
    {
        // Arrange: old kernels drop the space once the receive counter is wide.
        var capture = "  eth0:1598414430    4533    0    0    0     0          0         0   312455    3141    0    0    0     0       0          0\n";

        // Act
        var total = NetDevParser.TotalBytes(capture);

        // Assert
        Assert.Equal(1598414430L + 312455, total);
    }

    [Fact]
    public void TotalBytes_OnlyLoopback_ReturnsNull()
    {
        // Arrange
        var capture = "    lo:    3193      29    0    0    0     0          0         0     3193      29    0    0    0     0       0          0\n";

        // Act
        var total = NetDevParser.TotalBytes(capture);

        // Assert
        Assert.Null(total);
    }
}
