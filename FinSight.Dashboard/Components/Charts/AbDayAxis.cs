using System.Globalization;
using Plotly.Blazor.LayoutLib;

namespace FinSight.Dashboard.Components.Charts;

/// <summary>
/// The x axis of the A/B timeline charts: whole days (UTC). Plotly zooms a single day down to milliseconds,
/// so the range is padded by half a day on each side, and short spans get one tick per day.
/// </summary>
public static class AbDayAxis
{
    private const double MillisecondsPerDay = 86_400_000;

    public static void Apply(XAxis axis, IReadOnlyList<DateOnly> days)
    {
        axis.Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date;
        axis.TickFormat = "%Y-%m-%d";
        if (days.Count == 0)
        {
            axis.Range = null;
            axis.DTick = null;
            return;
        }
        var first = days[0].ToDateTime(TimeOnly.MinValue).AddHours(-12);
        var last = days[^1].ToDateTime(TimeOnly.MinValue).AddHours(12);
        axis.Range = [Format(first), Format(last)];
        axis.DTick = days[^1].DayNumber - days[0].DayNumber <= 14 ? MillisecondsPerDay : null;
    }

    private static string Format(DateTime time) => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
