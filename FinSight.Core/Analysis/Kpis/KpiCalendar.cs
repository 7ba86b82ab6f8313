using System.Globalization;

namespace FinSight.Core.Analysis.Kpis;

/// <summary>Buckets of runs by UTC day and by ISO week (Monday to Sunday, UTC) for the KPI charts.</summary>
public static class KpiCalendar
{
    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    /// <summary>The UTC day of an instant in epoch milliseconds.</summary>
    public static DateOnly UtcDay(long epochMs) => DateOnly.FromDayNumber(EpochDayNumber + (int)Math.Floor(epochMs / (double)KpiWindow.DayMs));

    /// <summary>The UTC day with index <paramref name="epochDay"/> (days since 1970-01-01), as SQL's integer division gives it.</summary>
    public static DateOnly FromEpochDay(long epochDay) => DateOnly.FromDayNumber(EpochDayNumber + checked((int)epochDay));

    /// <summary>
    /// Every UTC day the window touches, first to last, each with the counts given for it (zeros for days without
    /// runs, so a chart shows quiet days); counts for days outside the window are ignored.
    /// </summary>
    public static IReadOnlyList<DayOutcomes> Days(KpiWindow window, IEnumerable<DayOutcomes> counts)
    {
        var byDay = new Dictionary<DateOnly, RunOutcomes>();
        foreach (var (day, outcomes) in counts) byDay[day] = byDay.GetValueOrDefault(day) + outcomes;
        var first = UtcDay(window.FromMs);
        var last = UtcDay(window.ToMs);
        var days = new List<DayOutcomes>(last.DayNumber - first.DayNumber + 1);
        for (var day = first; day <= last; day = day.AddDays(1)) days.Add(new DayOutcomes(day, byDay.GetValueOrDefault(day)));
        return days;
    }

    /// <summary>The days grouped by ISO week, in order; a week partly outside the window holds only the days given.</summary>
    public static IReadOnlyList<WeekOutcomes> Weeks(IEnumerable<DayOutcomes> days) =>
        days.GroupBy(d => (Year: ISOWeek.GetYear(d.Day.ToDateTime(TimeOnly.MinValue)), Week: ISOWeek.GetWeekOfYear(d.Day.ToDateTime(TimeOnly.MinValue))))
            .Select(g => new WeekOutcomes(g.Key.Year, g.Key.Week, DateOnly.FromDateTime(ISOWeek.ToDateTime(g.Key.Year, g.Key.Week, DayOfWeek.Monday)),
                g.Aggregate(default(RunOutcomes), (sum, d) => sum + d.Outcomes)))
            .OrderBy(w => w.Monday)
            .ToList();
}
