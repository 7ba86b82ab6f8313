using FinSight.Core.Contracts;
using FinSight.Core.Query;
using FinSight.Dashboard.Apis;
using FinSight.Dashboard.Data;
using Xunit;

namespace FinSight.Tests.Integration;

public class RunsCsvWriterTests
{
    [Fact]
    public async Task WriteAsync_TextWithCommasQuotesAndFormulas_IsQuotedAndDefused()
    {
        var run = new RunInfo("0123456789abcdef0123456789abcdef", "1", "lstm, \"big\"", "RUNNING", 1_000, null, "=cmd()", "active");
        var row = new RunGridRow(run, [new RunGridValue("-3", null), new RunGridValue("a\nb", null), new RunGridValue(null, double.NaN), RunGridValue.Missing]);
        var columns = new[] { "params.lr", "params.note", "metrics.loss", "metrics.acc" }.Select(FilterField.Parse).ToList();
        using var text = new StringWriter();

        await RunsCsvWriter.WriteAsync(text, columns, Rows(row), nowMs: 61_000, CancellationToken.None);

        var lines = text.ToString().Split("\r\n");
        Assert.Equal("run_id,run_name,status,owner,start_time,end_time,duration_ms,params.lr,params.note,metrics.loss,metrics.acc", lines[0]);
        Assert.Equal("0123456789abcdef0123456789abcdef,\"lstm, \"\"big\"\"\",RUNNING,'=cmd(),1970-01-01T00:00:01.000Z,,60000,-3,\"a\nb\",NaN,", lines[1]);
    }

    private static async IAsyncEnumerable<RunGridRow> Rows(params RunGridRow[] rows)
    {
        foreach (var row in rows) yield return row;
        await Task.CompletedTask;
    }
}
