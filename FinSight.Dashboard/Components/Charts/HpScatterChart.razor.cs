using FinSight.Core.Analysis;
using FinSight.Core.Analysis.Hyperparameters;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace FinSight.Dashboard.Components.Charts;

/// <summary>
/// One param against the target, a point per usable run; the best runs (those that define the optimal range) are
/// their own trace. Numeric params spanning more than two orders of magnitude (learning rates) get a log axis.
/// </summary>
public sealed partial class HpScatterChart() : PlotlyFigure(280)
{
    [Parameter, EditorRequired] public ParameterAnalysis Parameter { get; set; } = default!;

    [Parameter, EditorRequired] public string TargetLabel { get; set; } = "";

    /// <summary>The usable runs (each with a finite target), in any order.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<HyperparameterRun> Runs { get; set; } = [];

    [Parameter, EditorRequired] public IReadOnlySet<string> BestRunIds { get; set; } = new HashSet<string>();

    protected override async Task OnParametersSetAsync()
    {
        var numeric = Parameter.Kind == ParameterKind.Numeric;
        var points = Runs.Select(r => (Run: r, X: X(r, numeric))).Where(p => p.X is not null).ToList();
        var positive = points.Select(p => p.X).OfType<double>().ToList();
        var logAxis = numeric && positive.Count > 0 && positive.All(x => x > 0) && positive.Max() / positive.Min() > 100;
        Layout.XAxis[0].Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = Parameter.Name };
        Layout.XAxis[0].Type = logAxis ? Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Log : numeric ? Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Linear
            : Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Category;
        Layout.YAxis[0].Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = TargetLabel };
        Traces.Clear();
        Traces.Add(Trace("runs", points.Where(p => !BestRunIds.Contains(p.Run.RunId)).ToList(), "#90a4ae"));
        Traces.Add(Trace("best runs", points.Where(p => BestRunIds.Contains(p.Run.RunId)).ToList(), "#66bb6a"));
        await RedrawAsync();
    }

    private object? X(HyperparameterRun run, bool numeric)
    {
        var text = run.Params.GetValueOrDefault(Parameter.Name);
        if (numeric) return text is null ? null : ChartTheme.Plottable(ParamComparison.Parse(text));
        return text ?? "(none)";
    }

    private static Scatter Trace(string name, List<(HyperparameterRun Run, object? X)> points, string colour) => new()
    {
        Name = name,
        Mode = ModeFlag.Markers,
        X = points.Select(p => p.X!).ToList(),
        Y = points.Select(p => (object)p.Run.Target!.Value).ToList(),
        TextArray = points.Select(p => p.Run.RunName).ToList(),
        Marker = new Marker { Size = 8, Color = colour },
    };
}
