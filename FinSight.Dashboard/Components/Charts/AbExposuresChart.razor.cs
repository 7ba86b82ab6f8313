using FinSight.Core.AbTesting;
using FinSight.Dashboard.Components.Shared;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace FinSight.Dashboard.Components.Charts;

/// <summary>Cumulative units per variant, day by day: lines that drift apart from the split's proportions are what an SRM looks like.</summary>
public sealed partial class AbExposuresChart : ComponentBase
{
    private readonly Plotly.Blazor.Layout _layout = ChartTheme.Dark(300, xTitle: "day (UTC)");
    private readonly Config _config = ChartTheme.Config();
    private readonly List<ITrace> _traces = [];
    private PlotlyChart? _chart;
    private AbTimeline? _drawn;
    private bool _rendered;

    [Parameter, EditorRequired] public AbTimeline Timeline { get; set; } = default!;

    /// <summary>Every variant, a line each, in this order.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<string> Variants { get; set; } = [];

    protected override async Task OnParametersSetAsync()
    {
        if (ReferenceEquals(Timeline, _drawn)) return;
        _drawn = Timeline;
        AbDayAxis.Apply(_layout.XAxis[0], Timeline.Days.Select(d => d.Day).ToList());
        _layout.YAxis[0].RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero;
        var days = Timeline.Days.Select(d => (object)AbDisplay.Day(d.Day)).ToList();
        _traces.Clear();
        foreach (var variant in Variants)
        {
            _traces.Add(new Scatter
            {
                Name = variant,
                Mode = ModeFlag.Lines | ModeFlag.Markers,
                X = days,
                Y = Timeline.Days.Select(d => (object)d.Units.GetValueOrDefault(variant)).ToList(),
            });
        }
        if (_rendered && _chart is not null) await _chart.React();
    }

    protected override void OnAfterRender(bool firstRender) => _rendered |= firstRender;
}
