using System.Text;

namespace FinSight.Dashboard.Reports;

/// <summary>Download names: <c>finsight-run-&lt;name&gt;-&lt;id8&gt;.html</c>, the name reduced to characters every file system takes.</summary>
public static class ReportFileName
{
    private const int MaxNameLength = 60;

    public static string ForRun(string runName, string runId) => $"finsight-run-{Slug(runName)}{runId[..Math.Min(8, runId.Length)]}.html";

    public static string ForComparison(IReadOnlyList<string> runIds) =>
        $"finsight-compare-{runIds.Count}-runs-{string.Join('-', runIds.Take(3).Select(id => id[..Math.Min(8, id.Length)]))}.html";

    /// <summary>Letters, digits, '.', '_' and '-' kept; anything else a single '-'; ends with '-' when not empty.</summary>
    private static string Slug(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name)
        {
            if (slug.Length >= MaxNameLength) break;
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        var text = slug.ToString().Trim('-', '.');
        return text.Length == 0 ? "" : text + "-";
    }
}
