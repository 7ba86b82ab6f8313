using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace FinSight.Dashboard.Components.Charts;

/// <summary>
/// Grouped bars: a group per metric, a bar per run. The page computes the values (best or last,
/// honouring each metric's direction); new values redraw the existing figure with Plotly.react.
/// </summary>
public sealed partial class CompareBarsChart : ComponentBase
{
    private readonly Plotly.Blazor.Layout _layout = ChartTheme.Dark(340);
    private readonly Config _config = ChartTheme.Config();
    private readonly List<ITrace> _traces = [];
    private PlotlyChart? _chart;
    private bool _rendered;

    [Parameter, EditorRequired] public IReadOnlyList<string> Keys { get; set; } = [];
    [Parameter, EditorRequired] public IReadOnlyList<CompareRun> Runs { get; set; } = [];

    /// <summary>Value per run (outer, in run order) per key (inner, in key order); null where a run lacks the metric.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<IReadOnlyList<double?>> Values { get; set; } = [];

    protected override async Task OnParametersSetAsync()
    {
        _layout.BarMode = Plotly.Blazor.LayoutLib.BarModeEnum.Group;
        _traces.Clear();
        for (var r = 0; r < Runs.Count; r++)
        {
            _traces.Add(new Bar
            {
                Name = Runs[r].Name,
                X = Keys.Cast<object>().ToList(),
                Y = Values[r].Select(v => v is { } d ? ChartTheme.Plottable(d)! : null!).ToList(),
            });
        }
        if (_rendered && _chart is not null) await _chart.React();
    }

    protected override void OnAfterRender(bool firstRender) => _rendered |= firstRender;
}
