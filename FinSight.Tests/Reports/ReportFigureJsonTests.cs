using System.Text.Json;
using FinSight.Dashboard.Reports;
using Xunit;

namespace FinSight.Tests.Reports;

public sealed class ReportFigureJsonTests
{
    [Fact]
    public void Write_NaNAndInfinities_BecomeNullAndTheJsonParses()
    {
        var figure = new ReportFigure("f", "loss", [new ReportTrace("run", [0L, 1L, 2L, 3L], [0.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity])], "step");

        var json = JsonDocument.Parse(ReportFigureJson.Write(figure)).RootElement;

        var y = json.GetProperty("data")[0].GetProperty("y").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToList();
        Assert.Equal([0.5, null, null, null], y);
        Assert.Equal(3, figure.NotFiniteCount);
        Assert.Equal("scatter", json.GetProperty("data")[0].GetProperty("type").GetString());
        Assert.False(json.GetProperty("config").GetProperty("displaylogo").GetBoolean());
    }

    [Fact]
    public void Write_MarkupInNames_NeverRawAndDecodesToTheTextPlotlyShows()
    {
        const string name = "</script><b>bold</b> & \"quoted\"";
        var figure = new ReportFigure("f", "t", [new ReportTrace(name, [0L], [1.0])], "step", YTitle: "<i>y</i>");

        var text = ReportFigureJson.Write(figure);
        var parsed = JsonDocument.Parse(text).RootElement;

        Assert.DoesNotContain("<", text);
        Assert.DoesNotContain(">", text);
        // Plotly decodes &lt; &gt; &amp; (and knows no &quot;): the legend shows exactly the name.
        Assert.Equal("&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt; &amp; \"quoted\"", parsed.GetProperty("data")[0].GetProperty("name").GetString());
        Assert.Equal("&lt;i&gt;y&lt;/i&gt;", parsed.GetProperty("layout").GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
    }
}
