using System.Reflection;
using System.Text.RegularExpressions;

namespace FinSight.Dashboard.Reports;

/// <summary>
/// plotly.js (the "basic" bundle: scatter, bar and pie, a quarter of the full bundle's size) as text to inline in a
/// report, so the report draws its charts without any request. Compiled into the assembly from the Plotly.Blazor
/// package (see the project file), read once.
/// </summary>
public static partial class PlotlyScript
{
    public const string ResourceName = "FinSight.Reports.plotly-basic.min.js";

    private static readonly Lazy<string> Source = new(Load);

    /// <summary>The bundle, safe to put between &lt;script&gt; and &lt;/script&gt;.</summary>
    public static string Inline => Source.Value;

    private static string Load()
    {
        using var stream = typeof(PlotlyScript).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from {typeof(PlotlyScript).Assembly.GetName().Name}; reports cannot draw charts.");
        using var reader = new StreamReader(stream);
        // The shipped bundle has neither sequence; if a later one does, it must not end the script element early.
        return ScriptEnd().Replace(reader.ReadToEnd(), m => m.Value[0] + "\\" + m.Value[1..]);
    }

    [GeneratedRegex("</script|<!--", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptEnd();
}
