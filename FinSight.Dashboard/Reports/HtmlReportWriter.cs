using System.Net;

namespace FinSight.Dashboard.Reports;

/// <summary>
/// Writes one self-contained HTML document: inline CSS, inline plotly.js, figures as JSON data blocks drawn by a
/// few lines of script at the end. Every piece of text goes through <see cref="Encode"/>; callers never write raw
/// markup, so a run name or param holding &lt;script&gt; stays text.
/// </summary>
public sealed class HtmlReportWriter(TextWriter output)
{
    private bool _hasFigures;

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>The document's start, up to and including the header with its title and subtitle.</summary>
    public void Begin(string title, string subtitle)
    {
        output.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        output.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        output.Write($"<title>{Encode(title)}</title>\n<style>\n{ReportStyles.Css}\n</style>\n");
        // Loaded before any figure, in the head: every figure below can be drawn as soon as the document is parsed.
        output.Write("<script>\n");
        output.Write(PlotlyScript.Inline);
        output.Write("\n</script>\n</head>\n<body>\n<main>\n");
        output.Write($"<header><h1 id=\"report-title\">{Encode(title)}</h1><p class=\"subtitle\">{Encode(subtitle)}</p></header>\n");
    }

    public void BeginSection(string id, string heading)
    {
        output.Write($"<section id=\"{Encode(id)}\">\n<h2>{Encode(heading)}</h2>\n");
    }

    public void EndSection() => output.Write("</section>\n");

    public void Paragraph(string text, string? cssClass = null) =>
        output.Write(cssClass is null ? $"<p>{Encode(text)}</p>\n" : $"<p class=\"{Encode(cssClass)}\">{Encode(text)}</p>\n");

    /// <summary>A bulleted list; each item may carry a class (e.g. a warning).</summary>
    public void List(string id, IEnumerable<ReportCell> items)
    {
        output.Write($"<ul class=\"findings\" id=\"{Encode(id)}\">\n");
        foreach (var item in items)
            output.Write(item.CssClass is null ? $"<li>{Encode(item.Text)}</li>\n" : $"<li class=\"{Encode(item.CssClass)}\">{Encode(item.Text)}</li>\n");
        output.Write("</ul>\n");
    }

    /// <summary>A table; with only empty headers, no header row (a list of facts).</summary>
    public void Table(string id, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<ReportCell>> rows)
    {
        output.Write($"<table id=\"{Encode(id)}\">\n");
        if (headers.Any(h => h.Length > 0))
        {
            output.Write("<thead><tr>");
            foreach (var header in headers) output.Write($"<th>{Encode(header)}</th>");
            output.Write("</tr></thead>\n");
        }
        output.Write("<tbody>\n");
        foreach (var row in rows)
        {
            output.Write("<tr>");
            foreach (var cell in row)
                output.Write(cell.CssClass is null ? $"<td>{Encode(cell.Text)}</td>" : $"<td class=\"{Encode(cell.CssClass)}\">{Encode(cell.Text)}</td>");
            output.Write("</tr>\n");
        }
        output.Write("</tbody>\n</table>\n");
    }

    /// <summary>Two-column key/value table (run facts, params, tags).</summary>
    public void KeyValueTable(string id, string keyHeader, string valueHeader, IEnumerable<(string Key, string Value)> entries) =>
        Table(id, [keyHeader, valueHeader], entries.Select(e => (IReadOnlyList<ReportCell>)[e.Key, e.Value]));

    public void BeginFigures() => output.Write("<div class=\"figures\">\n");

    public void EndFigures() => output.Write("</div>\n");

    /// <summary>A chart card: title, the div Plotly draws into, its data as a JSON block, and a note when values were left out.</summary>
    public void Figure(ReportFigure figure)
    {
        _hasFigures = true;
        var id = Encode(figure.Id);
        var keys = Encode(string.Join('\n', figure.Keys ?? []));
        output.Write($"<div class=\"figure-card\">\n<h3>{Encode(figure.Title)}</h3>\n");
        output.Write($"<div class=\"figure\" id=\"{id}\" data-keys=\"{keys}\"></div>\n");
        output.Write($"<script type=\"application/json\" data-figure-for=\"{id}\">{ReportFigureJson.Write(figure)}</script>\n");
        if (figure.NotFiniteCount > 0)
            Paragraph($"{figure.NotFiniteCount} value{(figure.NotFiniteCount == 1 ? " is" : "s are")} NaN or infinite: shown as gaps (null in the figure's data).", "note");
        output.Write("</div>\n");
    }

    /// <summary>Closes the document; draws the figures when there are any.</summary>
    public void End(string footer)
    {
        output.Write($"<footer>{Encode(footer)}</footer>\n</main>\n");
        if (_hasFigures)
        {
            output.Write("""
                <script>
                document.querySelectorAll('script[data-figure-for]').forEach(function (block) {
                  var figure = JSON.parse(block.textContent);
                  Plotly.newPlot(block.getAttribute('data-figure-for'), figure.data, figure.layout, figure.config);
                });
                </script>

                """);
        }
        output.Write("</body>\n</html>\n");
    }
}
