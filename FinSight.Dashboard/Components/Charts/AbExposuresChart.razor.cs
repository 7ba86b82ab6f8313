using FinSight.Core.AbTesting;
using FinSight.Dashboard.Components.Shared;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace FinSight.Dashboard.Components.Charts;

/// <summary>Cumulative units per variant, day by day: lines that drift apart from the split's proportions are what an SRM looks like.</summary>
public sealed partial class AbExposuresChart() : PlotlyFigure(300, xTitle: "day (UTC)")
{
    private AbTimeline? _drawn;

    [Parameter, EditorRequired] public AbTimeline Timeline { get; set; } = default!;

    /// <summary>Every variant, a line each, in this order.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<string> Variants { get; set; } = [];

    protected override async Task OnParametersSetAsync()
    {
        if (ReferenceEquals(Timeline, _drawn)) return;
        _drawn = Timeline;
        AbDayAxis.Apply(Layout.XAxis[0], Timeline.Days.Select(d => d.Day).ToList());
        Layout.YAxis[0].RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero;
        var days = Timeline.Days.Select(d => (object)AbDisplay.Day(d.Day)).ToList();
        Traces.Clear();
        foreach (var variant in Variants)
        {
            Traces.Add(new Scatter
            {
                Name = variant,
                Mode = ModeFlag.Lines | ModeFlag.Markers,
                X = days,
                Y = Timeline.Days.Select(d => (object)d.Units.GetValueOrDefault(variant)).ToList(),
            });
        }
        await RedrawAsync();
    }
}
