using Microsoft.AspNetCore.Components;
using Plotly.Blazor;

namespace FinSight.Dashboard.Components.Charts;

/// <summary>
/// A whole-figure chart the page hands finished values to (comparisons, A/B results): subclasses rebuild
/// <see cref="Traces"/> when their parameters change and call <see cref="RedrawAsync"/>, which redraws the
/// existing figure with Plotly.react. Before the first render the chart draws from the traces by itself.
/// </summary>
public abstract class PlotlyFigure(int height, string? xTitle = null) : ComponentBase
{
    protected Plotly.Blazor.Layout Layout { get; } = ChartTheme.Dark(height, xTitle: xTitle);
    protected Config Config { get; } = ChartTheme.Config();
    protected List<ITrace> Traces { get; } = [];
    protected PlotlyChart? Chart;
    private bool _rendered;

    protected async Task RedrawAsync()
    {
        if (_rendered && Chart is not null) await Chart.React();
    }

    protected override void OnAfterRender(bool firstRender) => _rendered |= firstRender;
}
