using FinSight.Core.Analysis;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ParCoordsLib;

namespace FinSight.Dashboard.Components.Charts;

/// <summary>
/// Parallel coordinates of the runs' params and one metric: numeric params are scaled axes, the others
/// are axes with a tick per value; lines are coloured by the metric so good regions stand out.
/// </summary>
public sealed partial class ParamsParcoordsChart() : PlotlyFigure(380)
{
    private const string Missing = "(none)";

    // Green to red reads as good to bad and stays visible on the dark background (Viridis ends in near-black purple).
    private static readonly object[] GoodToBad = [new object[] { 0, "#66bb6a" }, new object[] { 0.5, "#ffca28" }, new object[] { 1, "#ef5350" }];

    /// <summary>The chart's element id (browser tests read its data by it).</summary>
    [Parameter] public string Id { get; set; } = "compare-parcoords";

    [Parameter, EditorRequired] public IReadOnlyList<ParamRow> Params { get; set; } = [];
    [Parameter, EditorRequired] public string MetricLabel { get; set; } = "";

    /// <summary>The metric's value per run, in the runs' order; null where a run lacks it.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<double?> MetricValues { get; set; } = [];

    /// <summary>The metric's direction: lines of better runs get the brighter end of the colour scale.</summary>
    [Parameter] public MetricDirection Direction { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        Layout.Margin = new Plotly.Blazor.LayoutLib.Margin { L = 70, R = 70, T = 60, B = 30 };
        var dimensions = Params.Select(Axis).ToList();
        var metric = MetricValues.Select(v => v is { } d ? ChartTheme.Plottable(d)! : null!).ToList();
        dimensions.Add(new Dimension { Label = MetricLabel, Values = metric });
        Traces.Clear();
        Traces.Add(new ParCoords
        {
            Dimensions = dimensions,
            Line = new Line
            {
                ColorArray = metric,
                ColorScale = GoodToBad,
                // The scale runs from good (low) to bad (high); for higher-is-better metrics, turn it round.
                ReverseScale = Direction == MetricDirection.Maximize,
                ShowScale = true,
            },
        });
        await RedrawAsync();
    }

    private static Dimension Axis(ParamRow row)
    {
        if (row.IsNumeric)
            return new Dimension { Label = row.Key, Values = row.Numbers.Select(n => ChartTheme.Plottable(n)!).ToList() };
        // Categorical: each distinct value gets a position on the axis and is labelled there.
        var categories = row.Values.Select(v => v ?? Missing).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new Dimension
        {
            Label = row.Key,
            Values = row.Values.Select(v => (object)categories.IndexOf(v ?? Missing)).ToList(),
            TickVals = Enumerable.Range(0, categories.Count).Cast<object>().ToList(),
            TickText = categories.Cast<object>().ToList(),
        };
    }
}
