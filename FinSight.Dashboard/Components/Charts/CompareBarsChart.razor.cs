using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace FinSight.Dashboard.Components.Charts;

/// <summary>
/// Grouped bars: a group per metric, a bar per run. The page computes the values (best or last,
/// honouring each metric's direction); new values redraw the existing figure with Plotly.react.
/// </summary>
public sealed partial class CompareBarsChart() : PlotlyFigure(340)
{

    [Parameter, EditorRequired] public IReadOnlyList<string> Keys { get; set; } = [];
    [Parameter, EditorRequired] public IReadOnlyList<CompareRun> Runs { get; set; } = [];

    /// <summary>Value per run (outer, in run order) per key (inner, in key order); null where a run lacks the metric.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<IReadOnlyList<double?>> Values { get; set; } = [];

    protected override async Task OnParametersSetAsync()
    {
        Layout.BarMode = Plotly.Blazor.LayoutLib.BarModeEnum.Group;
        Traces.Clear();
        for (var r = 0; r < Runs.Count; r++)
        {
            Traces.Add(new Bar
            {
                Name = Runs[r].Name,
                X = Keys.Cast<object>().ToList(),
                Y = Values[r].Select(v => v is { } d ? ChartTheme.Plottable(d)! : null!).ToList(),
            });
        }
        await RedrawAsync();
    }
}
