namespace FinSight.Dashboard.Reports;

/// <summary>The report's stylesheet, inlined: a report may not load anything, fonts included.</summary>
public static class ReportStyles
{
    public const string Css = """
        :root { color-scheme: light; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; margin: 0; color: #1f2430; background: #f6f7f9; }
        main { max-width: 1200px; margin: 0 auto; padding: 24px; }
        header { border-bottom: 2px solid #3f51b5; margin-bottom: 16px; }
        h1 { font-size: 1.7rem; margin: 0 0 4px; word-break: break-word; }
        h2 { font-size: 1.25rem; margin: 28px 0 10px; color: #3f51b5; }
        h3 { font-size: 1rem; margin: 0 0 6px; word-break: break-word; }
        section { margin-bottom: 12px; }
        .subtitle, .note { color: #5f6675; font-size: 0.9rem; }
        .note { margin: 6px 0; }
        table { border-collapse: collapse; background: #fff; font-size: 0.9rem; margin: 6px 0 12px; }
        th, td { border: 1px solid #dde1e8; padding: 5px 9px; text-align: left; vertical-align: top; word-break: break-word; }
        th { background: #eef0f5; font-weight: 600; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .best { font-weight: 700; color: #1b7a3a; }
        .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); gap: 12px; }
        .figure-card { background: #fff; border: 1px solid #dde1e8; border-radius: 6px; padding: 10px; min-width: 0; }
        .figure { width: 100%; min-height: 340px; }
        ul.findings li { margin: 4px 0; }
        .finding-warning { color: #9a4a00; }
        footer { margin-top: 32px; color: #5f6675; font-size: 0.8rem; }
        code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.85em; }
        @media print { body { background: #fff; } .figure-card { break-inside: avoid; } }
        """;
}
