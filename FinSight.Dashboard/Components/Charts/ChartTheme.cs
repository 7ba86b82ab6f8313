using Plotly.Blazor.LayoutLib;

namespace FinSight.Dashboard.Components.Charts;

/// <summary>The dark, transparent Plotly look every FinSight chart shares, so charts sit on the MudBlazor dark theme.</summary>
public static class ChartTheme
{
    public const string GridColor = "#3a3a46";

    /// <summary>The run page's live charts: legend on top, zoom kept across redraws.</summary>
    public static Plotly.Blazor.Layout NewLayout() => new()
    {
        PaperBgColor = "rgba(0,0,0,0)",
        PlotBgColor = "rgba(0,0,0,0)",
        Font = new Font { Color = "#ccc" },
        XAxis = [new XAxis { GridColor = GridColor }],
        YAxis = [new YAxis { GridColor = GridColor }],
        Margin = new Margin { L = 55, R = 20, T = 20, B = 45 },
        Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = 1.12m }],
        UiRevision = "keep",
    };

    /// <summary>The comparison charts: titled axes, legend below.</summary>
    public static Plotly.Blazor.Layout Dark(int height, string? xTitle = null, string? yTitle = null) => new()
    {
        PaperBgColor = "rgba(0,0,0,0)",
        PlotBgColor = "rgba(0,0,0,0)",
        Font = new Font { Color = "#ccc" },
        XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = xTitle }, GridColor = GridColor }],
        YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = yTitle }, GridColor = GridColor }],
        Margin = new Margin { L = 55, R = 20, T = 30, B = 45 },
        ShowLegend = true,
        Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = -0.2m }],
        Height = height,
    };

    public static Plotly.Blazor.Config Config() => new() { Responsive = true, DisplayLogo = false };

    /// <summary>Plotly draws null as a gap; NaN and infinities cannot be drawn, so they become gaps.</summary>
    public static object? Plottable(double value) => double.IsFinite(value) ? value : null;
}
