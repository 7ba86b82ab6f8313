using System.Text.Json;

namespace FinSight.Dashboard.Reports;

/// <summary>
/// A figure as Plotly's JSON (data, layout, config). Values that are not finite become null, which Plotly draws as
/// a gap; the report says how many next to the chart. The default encoder escapes &lt; &gt; &amp; and quotes, so the
/// JSON can sit inside a script element whatever run names hold.
/// </summary>
public static class ReportFigureJson
{
    public static string Write(ReportFigure figure)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("data");
            foreach (var trace in figure.Traces) WriteTrace(json, trace);
            json.WriteEndArray();
            WriteLayout(json, figure);
            json.WriteStartObject("config");
            json.WriteBoolean("responsive", true);
            json.WriteBoolean("displaylogo", false);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteTrace(Utf8JsonWriter json, ReportTrace trace)
    {
        json.WriteStartObject();
        json.WriteString("type", trace.Kind == ReportTraceKind.Bars ? "bar" : "scatter");
        if (trace.Kind != ReportTraceKind.Bars) json.WriteString("mode", trace.Kind == ReportTraceKind.Lines ? "lines" : "markers");
        // Plotly reads a few HTML-like tags and entities in text; encoded, a name shows as typed.
        json.WriteString("name", PlotlyText(trace.Name));
        json.WriteStartArray("x");
        foreach (var x in trace.X)
        {
            switch (x)
            {
                case long l: json.WriteNumberValue(l); break;
                case int i: json.WriteNumberValue(i); break;
                case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
                case double: json.WriteNullValue(); break;
                default: json.WriteStringValue(PlotlyText(x.ToString() ?? "")); break;
            }
        }
        json.WriteEndArray();
        json.WriteStartArray("y");
        foreach (var y in trace.Y)
        {
            if (double.IsFinite(y)) json.WriteNumberValue(y);
            else json.WriteNullValue();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteLayout(Utf8JsonWriter json, ReportFigure figure)
    {
        json.WriteStartObject("layout");
        json.WriteNumber("height", 340);
        json.WriteStartObject("margin");
        json.WriteNumber("l", 60);
        json.WriteNumber("r", 20);
        json.WriteNumber("t", 20);
        json.WriteNumber("b", 50);
        json.WriteEndObject();
        json.WriteBoolean("showlegend", true);
        json.WriteStartObject("legend");
        json.WriteString("orientation", "h");
        json.WriteNumber("y", -0.25);
        json.WriteEndObject();
        WriteAxis(json, "xaxis", figure.XTitle);
        WriteAxis(json, "yaxis", figure.YTitle);
        json.WriteEndObject();
    }

    private static void WriteAxis(Utf8JsonWriter json, string name, string? title)
    {
        json.WriteStartObject(name);
        json.WriteBoolean("automargin", true);
        if (title is not null)
        {
            json.WriteStartObject("title");
            json.WriteString("text", PlotlyText(title));
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    /// <summary>
    /// Text as Plotly shows it literally: its pseudo-HTML (&lt;b&gt;, &lt;a href&gt;, &amp;entities;) neutralised with the
    /// three entities Plotly decodes (it knows no &amp;quot;, so HTML encoding would show quotes as entities).
    /// </summary>
    public static string PlotlyText(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
