using Bunit;
using FinSight.Core.Analysis.Financial;
using FinSight.Core.Contracts;
using FinSight.Dashboard.Components.Run;
using MudBlazor.Services;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FinSight.Tests.Components.Run;

public sealed class FinancialMetricsPanelTests : BunitContext
{
    public FinancialMetricsPanelTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    private static MetricSummary Summary(string key, double latest) => new(key, latest, 0, 1_700_000_000_000, latest, latest, 1);

    private IRenderedComponent<FinancialMetricsPanel> RenderPanel(params MetricSummary[] metrics) =>
        Render<FinancialMetricsPanel>(p => p.Add(c => c.Metrics, metrics));

    [Fact]
    public void Panel_FinMetrics_ListedInOrderWithFormattedValuesAndDefinitions()
    {
        var panel = RenderPanel(
            Summary("train_loss", 0.3),
            Summary("fin/sharpe_ratio", 1.23456),
            Summary("fin/mae", 1.2),
            Summary("fin/max_drawdown", 0.0952380952),
            Summary("fin/mape", 0.011691898));

        var rows = panel.Find("#run-financial-metrics").QuerySelectorAll("tr");
        Assert.Equal(["fin/mae", "fin/mape", "fin/sharpe_ratio", "fin/max_drawdown"], rows.Select(r => r.GetAttribute("data-key")));
        Assert.Equal("1.2", panel.Find("#fin-metric-mae .fin-metric-value").TextContent.Trim());
        Assert.Equal("1.17%", panel.Find("#fin-metric-mape .fin-metric-value").TextContent.Trim());
        Assert.Equal("1.235", panel.Find("#fin-metric-sharpe_ratio .fin-metric-value").TextContent.Trim());
        Assert.Equal("9.52%", panel.Find("#fin-metric-max_drawdown .fin-metric-value").TextContent.Trim());
        Assert.Contains("mean(r) / std(r, ddof = 1) · √k", panel.Find("#fin-metric-sharpe_ratio .fin-metric-definition").TextContent);
        Assert.Contains("Sharpe ratio", panel.Find("#fin-metric-sharpe_ratio").TextContent);
        Assert.Contains("sign(p_t − a_{t−1})", panel.Find("#run-financial-metrics-notes").TextContent);
        Assert.DoesNotContain("train_loss", panel.Markup);
    }

    [Fact]
    public void Panel_EveryKnownMetric_HasADefinitionShown()
    {
        var panel = RenderPanel(FinancialMetricNames.All.Select(k => Summary(k, 0.5)).ToArray());

        Assert.Equal(FinancialMetricNames.All.Count, panel.FindAll("#run-financial-metrics .fin-metric-definition").Count);
    }

    [Fact]
    public void Panel_UnknownFinKey_ShownAfterTheKnownOnesAsANumber()
    {
        var panel = RenderPanel(Summary("fin/custom/hit_rate", 0.5), Summary("fin/var_95", 0.0255));

        Assert.Equal(["fin/var_95", "fin/custom/hit_rate"], panel.FindAll("#run-financial-metrics tr").Select(r => r.GetAttribute("data-key")));
        Assert.Equal("2.55%", panel.Find("#fin-metric-var_95 .fin-metric-value").TextContent.Trim());
        Assert.Equal("0.5", panel.Find("#fin-metric-custom-hit_rate .fin-metric-value").TextContent.Trim());
    }

    [Fact]
    public void Panel_NoFinMetrics_RendersNothing()
    {
        var panel = RenderPanel(Summary("train_loss", 0.3));

        Assert.Empty(panel.FindAll("#run-financial-metrics"));
    }
}
