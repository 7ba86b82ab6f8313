using FinSight.Core.AbTesting;
using FinSight.Dashboard.Components.Shared;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace FinSight.Dashboard.Components.Charts;

/// <summary>
/// Each treatment's cumulative relative lift on the primary metric, day by day, inside its confidence band
/// (the band is two traces: the upper bound, then the lower bound filled up to it). A band that leaves zero
/// shows when the difference became significant at that single look.
/// </summary>
public sealed partial class AbLiftChart() : PlotlyFigure(300, xTitle: "day (UTC)")
{
    private static readonly string[] Colors = ["#4fc3f7", "#ffb74d", "#ba68c8", "#81c784", "#e57373", "#f06292"];

    private AbTimeline? _drawn;

    [Parameter, EditorRequired] public AbTimeline Timeline { get; set; } = default!;

    /// <summary>The treatments (every variant but control), a line and band each.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<string> Treatments { get; set; } = [];

    protected override async Task OnParametersSetAsync()
    {
        if (ReferenceEquals(Timeline, _drawn)) return;
        _drawn = Timeline;
        Layout.YAxis[0].TickFormat = "+.1%";
        Layout.YAxis[0].ZeroLine = true;
        Layout.YAxis[0].ZeroLineColor = "#888";
        AbDayAxis.Apply(Layout.XAxis[0], Timeline.Days.Select(d => d.Day).ToList());
        var days = Timeline.Days.Select(d => (object)AbDisplay.Day(d.Day)).ToList();
        Traces.Clear();
        for (var i = 0; i < Treatments.Count; i++)
        {
            var name = Treatments[i];
            var color = Colors[i % Colors.Length];
            var points = Timeline.Days.Select(d => d.PrimaryLift.GetValueOrDefault(name)).ToList();
            Traces.Add(new Scatter
            {
                Name = $"{name} CI high",
                LegendGroup = name,
                ShowLegend = false,
                Mode = ModeFlag.Lines,
                X = days,
                Y = points.Select(p => Plottable(p?.CiHigh)).ToList(),
                Line = new Line { Width = 0, Color = color },
                HoverInfo = HoverInfoFlag.Skip,
            });
            Traces.Add(new Scatter
            {
                Name = $"{name} CI low",
                LegendGroup = name,
                ShowLegend = false,
                Mode = ModeFlag.Lines,
                X = days,
                Y = points.Select(p => Plottable(p?.CiLow)).ToList(),
                Line = new Line { Width = 0, Color = color },
                Fill = FillEnum.ToNextY,
                FillColor = Translucent(color),
                HoverInfo = HoverInfoFlag.Skip,
            });
            Traces.Add(new Scatter
            {
                Name = name,
                LegendGroup = name,
                Mode = ModeFlag.Lines | ModeFlag.Markers,
                X = days,
                Y = points.Select(p => Plottable(p?.Lift)).ToList(),
                Line = new Line { Color = color },
            });
        }
        await RedrawAsync();
    }

    private static object Plottable(double? value) => value is { } v ? ChartTheme.Plottable(v)! : null!;

    private static string Translucent(string hex) =>
        $"rgba({Convert.ToInt32(hex[1..3], 16)},{Convert.ToInt32(hex[3..5], 16)},{Convert.ToInt32(hex[5..7], 16)},0.2)";
}
