using Xunit;
using FinSight.Client.SystemMetrics;

namespace FinSight.Tests.Client.SystemMetrics;

public class ProcStatParserTests
{
    // Captured from a 2-core Linux 6.x VM, then again ten seconds later under load.
    private const string Before =
        "cpu  3660 0 1885 97989 877 0 27 17 0 0\n" +
        "cpu0 1382 0 754 49967 118 0 4 7 0 0\n" +
        "cpu1 2278 0 1131 48021 758 0 22 10 0 0\n" +
        "intr 1084321 0 9 0 0 0 0 0 0 0 0\n" +
        "ctxt 2011334\n" +
        "btime 1760000000\n" +
        "processes 10433\n";

    private const string After =
        "cpu  4860 0 2085 98589 977 0 47 37 0 0\n" +
        "cpu0 1982 0 854 50267 168 0 14 17 0 0\n" +
        "cpu1 2878 0 1231 48321 808 0 32 20 0 0\n";

    [Fact]
    public void ParseCpuTimes_RealCapture_SumsFirstEightColumnsAndCountsIowaitAsIdle()
    {
        // Act
        var times = ProcStatParser.ParseCpuTimes(Before);

        // Assert
        Assert.Equal(new CpuTimes(Idle: 97989 + 877, Total: 3660 + 1885 + 97989 + 877 + 27 + 17), times);
    }

    [Fact]
    public void UsagePercentSince_TwoCaptures_ReturnsBusyShareOfTheDelta()
    {
        // Arrange
        var earlier = ProcStatParser.ParseCpuTimes(Before)!.Value;
        var later = ProcStatParser.ParseCpuTimes(After)!.Value;

        // Act
        var percent = later.UsagePercentSince(earlier);

        // Assert: busy delta = 1200 user + 200 system + 20 softirq + 20 steal; idle delta = 600 + 100.
        Assert.NotNull(percent);
        Assert.Equal(1440.0 / 2140.0 * 100.0, percent.Value, precision: 9);
    }

    [Fact]
    public void UsagePercentSince_SameReading_ReturnsNull()
    {
        // Arrange
        var times = ProcStatParser.ParseCpuTimes(Before)!.Value;

        // Act
        var percent = times.UsagePercentSince(times);

        // Assert
        Assert.Null(percent);
    }

    [Fact]
    public void ParseCpuTimes_OldKernelWithFourColumns_ReadsIdleFromFourthColumn()
    {
        // Act
        var times = ProcStatParser.ParseCpuTimes("cpu  100 5 50 845\n");

        // Assert
        Assert.Equal(new CpuTimes(Idle: 845, Total: 1000), times);
    }

    [Fact]
    public void ParseCpuTimes_NoAggregateLine_ReturnsNull()
    {
        // Act
        var times = ProcStatParser.ParseCpuTimes("cpu0 1382 0 754 49967 118 0 4 7 0 0\nctxt 2011334\n");

        // Assert
        Assert.Null(times);
    }
}
