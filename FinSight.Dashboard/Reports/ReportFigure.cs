namespace FinSight.Dashboard.Reports;

/// <summary>How a trace is drawn.</summary>
public enum ReportTraceKind
{
    Lines,
    Markers,
    Bars,
}

/// <summary>One trace of a figure. <see cref="Y"/> may hold NaN and infinities: they are written as gaps.</summary>
/// <param name="X">Numbers (steps) or category labels.</param>
public sealed record ReportTrace(string Name, IReadOnlyList<object> X, IReadOnlyList<double> Y, ReportTraceKind Kind = ReportTraceKind.Lines)
{
    /// <summary>Points whose value cannot be drawn (NaN, ±Infinity).</summary>
    public int NotFiniteCount => Y.Count(v => !double.IsFinite(v));
}

/// <summary>A Plotly figure embedded in a report: a div with this id, drawn from its JSON when the report opens.</summary>
/// <param name="Id">The element id (stable, so tests and readers can find a chart).</param>
/// <param name="Keys">The metric keys it shows, written as the div's <c>data-keys</c>.</param>
public sealed record ReportFigure(
    string Id, string Title, IReadOnlyList<ReportTrace> Traces, string XTitle, string? YTitle = null, IReadOnlyList<string>? Keys = null)
{
    public int NotFiniteCount => Traces.Sum(t => t.NotFiniteCount);
}
