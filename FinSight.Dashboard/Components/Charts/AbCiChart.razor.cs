using FinSight.Core.AbTesting;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace FinSight.Dashboard.Components.Charts;

/// <summary>
/// Each variant's mean (or rate) on one metric with its confidence interval as error bars, a trace per variant
/// so the legend names them. New results redraw the figure with Plotly.react; a variant without data is a gap.
/// </summary>
public sealed partial class AbCiChart() : PlotlyFigure(300)
{
    private AbMetricResult? _drawn;

    [Parameter, EditorRequired] public AbMetricResult Metric { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        // The page re-renders for other reasons too: redraw only for new results.
        if (ReferenceEquals(Metric, _drawn)) return;
        _drawn = Metric;
        var binary = Metric.Type == "binary";
        Layout.YAxis[0].Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = binary ? $"{Metric.Key} (rate)" : $"{Metric.Key} (mean)" };
        Layout.YAxis[0].TickFormat = binary ? ".1%" : null;
        Traces.Clear();
        foreach (var variant in Metric.Variants)
        {
            var mean = variant.Mean is { } m && double.IsFinite(m) ? m : (double?)null;
            Traces.Add(new Scatter
            {
                Name = variant.Name,
                Mode = ModeFlag.Markers,
                X = [variant.Name],
                Y = [mean is { } y ? y : null!],
                Marker = new Marker { Size = 10 },
                ErrorY = new ErrorY
                {
                    Type = Plotly.Blazor.Traces.ScatterLib.ErrorYLib.TypeEnum.Data,
                    Symmetric = false,
                    Visible = true,
                    Array = [Distance(variant.CiHigh, mean)!],
                    ArrayMinus = [Distance(mean, variant.CiLow)!],
                },
            });
        }
        await RedrawAsync();
    }

    /// <summary>How far an interval end lies from the mean; null (no bar) where either is undefined.</summary>
    private static object? Distance(double? upper, double? lower) =>
        upper is { } u && lower is { } l && double.IsFinite(u) && double.IsFinite(l) ? Math.Max(0, u - l) : null;
}
