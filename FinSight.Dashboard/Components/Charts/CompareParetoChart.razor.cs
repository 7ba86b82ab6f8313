using FinSight.Core.Analysis;
using FinSight.Core.Analysis.Comparison;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace FinSight.Dashboard.Components.Charts;

/// <summary>
/// The runs on two metrics: the Pareto front as a connected, highlighted line (ordered by x), the other runs
/// faded. Two traces always, in that order (front first), each point labelled with its run's name and carrying
/// its run id as custom data. A new front redraws the existing figure with Plotly.react.
/// </summary>
public sealed partial class CompareParetoChart() : PlotlyFigure(380)
{
    private ParetoFront? _drawn;

    [Parameter, EditorRequired] public ParetoFront Pareto { get; set; } = default!;

    /// <summary>The compared runs, for the names points are labelled with.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<ComparisonRun> Runs { get; set; } = [];

    protected override async Task OnParametersSetAsync()
    {
        // The page re-renders for other reasons too: redraw only for a new analysis.
        if (ReferenceEquals(Pareto, _drawn)) return;
        _drawn = Pareto;
        Layout.XAxis[0].Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = AxisTitle(Pareto.X) };
        Layout.YAxis[0].Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = AxisTitle(Pareto.Y) };
        var names = Runs.GroupBy(r => r.RunId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        Traces.Clear();
        Traces.Add(Points("Pareto front", Pareto.Front, names, ModeFlag.Lines | ModeFlag.Markers | ModeFlag.Text, "#66bb6a", 1m, 11));
        Traces.Add(Points("not on the front", Pareto.Points.Where(p => !p.OnFront).ToList(), names, ModeFlag.Markers | ModeFlag.Text, "#9e9e9e", 0.4m, 9));
        await RedrawAsync();
    }

    private static string AxisTitle(ComparisonMetric metric) =>
        $"{metric.Key} ({(metric.Aggregate == MetricAggregate.Best ? "best" : "last")}, {(metric.Direction == MetricDirection.Minimize ? "lower" : "higher")} is better)";

    private static Scatter Points(string name, IReadOnlyList<ParetoPoint> points, IReadOnlyDictionary<string, string> names, ModeFlag mode,
        string color, decimal opacity, int size) => new()
    {
        Name = name,
        Mode = mode,
        X = points.Select(p => (object)p.X).ToList(),
        Y = points.Select(p => (object)p.Y).ToList(),
        TextArray = points.Select(p => names.GetValueOrDefault(p.RunId, p.RunId)).ToList(),
        // Names beside the points: which run is which should not need a hover.
        TextPosition = TextPositionEnum.TopCenter,
        CustomData = points.Select(p => (object)p.RunId).ToList(),
        HoverTemplate = "%{text}<br>%{x:.4g}, %{y:.4g}<extra></extra>",
        Opacity = opacity,
        Marker = new Marker { Size = size, Color = color },
        Line = new Line { Color = color },
    };
}
