using FinSight.Core.Analysis.Hyperparameters;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor.Traces;

namespace FinSight.Dashboard.Components.Charts;

/// <summary>
/// Parameter importance measured two ways, side by side per param (as Weights &amp; Biases shows it): the share of
/// the forest's permutation importance, and the strength of the correlation with the target (|Spearman ρ| for
/// numeric params, the correlation ratio η for categorical ones). Both run from 0 to 1.
/// </summary>
public sealed partial class HpImportanceChart() : PlotlyFigure(320)
{
    private HyperparameterAnalysis? _drawn;

    [Parameter, EditorRequired] public HyperparameterAnalysis Analysis { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (ReferenceEquals(Analysis, _drawn)) return;
        _drawn = Analysis;
        var shown = Analysis.Parameters.Where(p => p.Effect != ParameterEffect.Constant).ToList();
        var names = shown.Select(p => (object)p.Name).ToList();
        Layout.BarMode = Plotly.Blazor.LayoutLib.BarModeEnum.Group;
        Layout.YAxis[0].Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = "0 = none, 1 = all" };
        Traces.Clear();
        Traces.Add(new Bar { Name = "importance (share of the model's)", X = names, Y = shown.Select(p => ChartTheme.Plottable(p.ImportanceShare ?? 0)!).ToList() });
        Traces.Add(new Bar { Name = "correlation (|ρ|, or η)", X = names, Y = shown.Select(p => ChartTheme.Plottable(Strength(p))!).ToList() });
        await RedrawAsync();
    }

    private static double Strength(ParameterAnalysis p) => Math.Abs(p.Spearman ?? p.Correlation ?? p.CorrelationRatio ?? 0);
}
