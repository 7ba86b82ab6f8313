using System.Globalization;
using FinSight.Core.Analysis.Kpis;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace FinSight.Dashboard.Components.Charts;

/// <summary>
/// Success rate per ISO week (UTC) of the runs that started in it and have ended; a week without an ended run has
/// no bar rather than a 0 %.
/// </summary>
public sealed partial class KpiSuccessPerWeekChart() : PlotlyFigure(300, xTitle: "ISO week (UTC)")
{
    private IReadOnlyList<WeekOutcomes>? _drawn;

    [Parameter, EditorRequired] public IReadOnlyList<WeekOutcomes> Weeks { get; set; } = [];

    protected override async Task OnParametersSetAsync()
    {
        if (ReferenceEquals(Weeks, _drawn)) return;
        _drawn = Weeks;
        Layout.ShowLegend = false;
        Layout.XAxis[0].Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Category;
        Layout.YAxis[0].TickFormat = ".0%";
        Layout.YAxis[0].Range = [0, 1];
        Traces.Clear();
        Traces.Add(new Bar
        {
            Name = "success rate",
            X = Weeks.Select(w => (object)w.Label).ToList(),
            Y = Weeks.Select(w => w.Outcomes.SuccessRate is { } rate ? (object)rate : null!).ToList(),
            TextArray = Weeks.Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Outcomes.Finished}/{w.Outcomes.Ended}")).ToList(),
            Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = "#66bb6a" },
        });
        await RedrawAsync();
    }
}
