namespace FinSight.Dashboard.Reports;

/// <summary>One table cell: plain text (encoded when written) and an optional CSS class.</summary>
public readonly record struct ReportCell(string Text, string? CssClass = null)
{
    public static implicit operator ReportCell(string text) => new(text);

    /// <summary>A right-aligned number cell.</summary>
    public static ReportCell Number(string text, bool best = false) => new(text, best ? "num best" : "num");
}
