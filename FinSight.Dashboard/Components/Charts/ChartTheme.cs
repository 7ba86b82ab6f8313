using Plotly.Blazor.LayoutLib;

namespace FinSight.Dashboard.Components.Charts;

/// <summary>The dark, transparent look every FinSight chart shares.</summary>
internal static class ChartTheme
{
    public const string GridColor = "#3a3a46";

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
}
