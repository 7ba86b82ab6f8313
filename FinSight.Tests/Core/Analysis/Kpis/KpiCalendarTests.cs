using FinSight.Core.Analysis.Kpis;
using FinSight.Core.Tracking;
using Xunit;

namespace FinSight.Tests.Core.Analysis.Kpis;

public sealed class KpiCalendarTests
{
    private static long Ms(string utc) => DateTimeOffset.Parse(utc + "Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    [Fact]
    public void Ending_ChoiceOrUnknown_WindowOfThatManyDaysOrThirty()
    {
        var now = DateTimeOffset.Parse("2026-12-03T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

        var week = KpiWindow.Ending(now, 7);
        var fallback = KpiWindow.Ending(now, 12);

        Assert.Equal((7, Ms("2026-11-26T10:00:00"), Ms("2026-12-03T10:00:00")), (week.Days, week.FromMs, week.ToMs));
        Assert.Equal(30, fallback.Days);
        Assert.Equal(30, KpiWindow.Ending(now, null).Days);
        Assert.Equal([7, 30, 90, 30], new int?[] { 7, 30, 90, 0 }.Select(KpiWindow.Length));
        Assert.True(week.Contains(Ms("2026-11-26T10:00:00")));
        Assert.False(week.Contains(Ms("2026-11-26T09:59:59")));
    }

    [Fact]
    public void UtcDay_Instants_TheirUtcDate()
    {
        Assert.Equal(new DateOnly(2026, 12, 3), KpiCalendar.UtcDay(Ms("2026-12-03T23:59:59")));
        Assert.Equal(new DateOnly(1969, 12, 31), KpiCalendar.UtcDay(-1));
        // 20,000 days after 1970-01-01 is 2024-10-04
        Assert.Equal(new DateOnly(2024, 10, 4), KpiCalendar.FromEpochDay(20_000));
    }

    [Fact]
    public void Days_SevenDayWindow_EveryTouchedDayWithZerosFilled()
    {
        // 2026-11-26 10:00 to 2026-12-03 10:00 touches 8 UTC days (the first and last partly)
        var window = KpiWindow.Ending(DateTimeOffset.Parse("2026-12-03T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), 7);
        var counts = new DayOutcomes[]
        {
            new(new DateOnly(2026, 11, 27), new RunOutcomes(2, 1, 0, 0)),
            new(new DateOnly(2026, 11, 27), new RunOutcomes(1, 0, 0, 0)),
            new(new DateOnly(2026, 12, 3), new RunOutcomes(0, 0, 0, 4)),
            new(new DateOnly(2026, 10, 1), new RunOutcomes(9, 0, 0, 0)),
        };

        var days = KpiCalendar.Days(window, counts);

        Assert.Equal(8, days.Count);
        Assert.Equal(new DateOnly(2026, 11, 26), days[0].Day);
        Assert.Equal(new DateOnly(2026, 12, 3), days[^1].Day);
        Assert.Equal(new RunOutcomes(3, 1, 0, 0), days[1].Outcomes);
        Assert.Equal(new RunOutcomes(0, 0, 0, 4), days[^1].Outcomes);
        // 4 on 11-27 and 4 on 12-03; the 9 runs of 2026-10-01 lie outside the window
        Assert.Equal(8, days.Sum(d => d.Outcomes.Total));
    }

    [Fact]
    public void Weeks_DaysAcrossNewYear_IsoWeeksMondayToSunday()
    {
        // 2026-12-28 is the Monday of ISO week 2026-W53 (2026 starts on a Thursday, so it has 53 weeks), which runs to
        // Sunday 2027-01-03; 2027-01-04 is the Monday of 2027-W01.
        var days = new DayOutcomes[]
        {
            new(new DateOnly(2026, 12, 27), new RunOutcomes(1, 1, 0, 0)), // Sunday of 2026-W52
            new(new DateOnly(2026, 12, 28), new RunOutcomes(3, 0, 0, 0)),
            new(new DateOnly(2027, 1, 3), new RunOutcomes(0, 1, 0, 2)),
            new(new DateOnly(2027, 1, 4), new RunOutcomes(0, 0, 0, 0)),
        };

        var weeks = KpiCalendar.Weeks(days);

        Assert.Equal(["2026-W52", "2026-W53", "2027-W01"], weeks.Select(w => w.Label));
        Assert.Equal(new DateOnly(2026, 12, 28), weeks[1].Monday);
        // W53: 3 finished, 1 failed, 2 running: success 3 / 4 = 0.75
        Assert.Equal(new RunOutcomes(3, 1, 0, 2), weeks[1].Outcomes);
        Assert.Equal(0.75, weeks[1].Outcomes.SuccessRate);
        Assert.Equal(0.5, weeks[0].Outcomes.SuccessRate);
        Assert.Null(weeks[2].Outcomes.SuccessRate);
    }
}
