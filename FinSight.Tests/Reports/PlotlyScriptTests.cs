using FinSight.Dashboard.Reports;
using Xunit;

namespace FinSight.Tests.Reports;

public sealed class PlotlyScriptTests
{
    [Fact]
    public void Inline_IsThePlotlyBundleFromTheAssembly_SafeInsideAScriptElement()
    {
        var source = PlotlyScript.Inline;

        Assert.StartsWith("/**\n* plotly.js (basic - minified) v3.", source);
        Assert.True(source.Length > 500_000, $"plotly.js is {source.Length} characters: not the whole bundle.");
        Assert.DoesNotContain("</script", source, StringComparison.OrdinalIgnoreCase);
        Assert.Same(source, PlotlyScript.Inline); // read once
    }
}
