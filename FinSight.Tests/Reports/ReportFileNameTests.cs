using FinSight.Dashboard.Reports;
using Xunit;

namespace FinSight.Tests.Reports;

public sealed class ReportFileNameTests
{
    [Theory]
    [InlineData("resnet-50 v2", "finsight-run-resnet-50-v2-0123abcd.html")]
    [InlineData("../../etc/passwd", "finsight-run-etc-passwd-0123abcd.html")]
    [InlineData("<>:\"|?*", "finsight-run-0123abcd.html")]
    [InlineData("ünïcode run", "finsight-run-n-code-run-0123abcd.html")]
    public void ForRun_AnyName_OnlyFileNameCharacters(string name, string expected) =>
        Assert.Equal(expected, ReportFileName.ForRun(name, "0123abcd" + new string('0', 24)));

    [Fact]
    public void ForRun_LongName_Shortened() =>
        Assert.True(ReportFileName.ForRun(new string('a', 500), new string('1', 32)).Length < 100);

    [Fact]
    public void ForComparison_NamesTheCountAndTheFirstIds() =>
        Assert.Equal("finsight-compare-4-runs-aaaaaaaa-bbbbbbbb-cccccccc.html",
            ReportFileName.ForComparison([new string('a', 32), new string('b', 32), new string('c', 32), new string('d', 32)]));
}
