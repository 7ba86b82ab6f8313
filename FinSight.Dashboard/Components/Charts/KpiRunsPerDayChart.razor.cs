using FinSight.Core.Analysis.Kpis;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace FinSight.Dashboard.Components.Charts;

/// <summary>Runs started per UTC day, stacked by how they ended (or that they have not yet).</summary>
public sealed partial class KpiRunsPerDayChart() : PlotlyFigure(300, xTitle: "day (UTC)")
{
    private IReadOnlyList<DayOutcomes>? _drawn;

    /// <summary>Every day of the window, quiet days included.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<DayOutcomes> Days { get; set; } = [];

    protected override async Task OnParametersSetAsync()
    {
        if (ReferenceEquals(Days, _drawn)) return;
        _drawn = Days;
        Layout.BarMode = Plotly.Blazor.LayoutLib.BarModeEnum.Stack;
        AbDayAxis.Apply(Layout.XAxis[0], Days.Select(d => d.Day).ToList());
        Layout.YAxis[0].Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = "runs started" };
        var x = Days.Select(d => (object)d.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Traces.Clear();
        Traces.Add(Stack("finished", "#66bb6a", x, d => d.Finished));
        Traces.Add(Stack("failed", "#ef5350", x, d => d.Failed));
        Traces.Add(Stack("killed", "#ffa726", x, d => d.Killed));
        Traces.Add(Stack("running", "#42a5f5", x, d => d.Unfinished));
        await RedrawAsync();
    }

    private Bar Stack(string name, string color, List<object> x, Func<RunOutcomes, int> count) => new()
    {
        Name = name,
        X = x,
        Y = Days.Select(d => (object)count(d.Outcomes)).ToList(),
        Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = color },
    };
}
