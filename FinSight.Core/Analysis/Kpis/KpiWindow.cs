namespace FinSight.Core.Analysis.Kpis;

/// <summary>
/// The period the team KPIs summarise: the <see cref="Days"/> days (of 24 hours) that end at "now", as epoch
/// milliseconds. A run belongs to the window when it started inside it.
/// </summary>
/// <param name="Days">7, 30 or 90.</param>
/// <param name="FromMs">The window's start, inclusive.</param>
/// <param name="ToMs">The window's end ("now"), inclusive.</param>
public sealed record KpiWindow(int Days, long FromMs, long ToMs)
{
    /// <summary>Milliseconds in a day.</summary>
    public const long DayMs = 86_400_000;

    /// <summary>The window when none is chosen.</summary>
    public const int DefaultDays = 30;

    /// <summary>The windows a user can choose, in days.</summary>
    public static IReadOnlyList<int> Choices { get; } = [7, 30, 90];

    /// <summary><paramref name="days"/> when it is one of the <see cref="Choices"/>, else <see cref="DefaultDays"/> (a hand-edited bookmark).</summary>
    public static int Length(int? days) => days is { } d && Choices.Contains(d) ? d : DefaultDays;

    /// <summary>The window of <paramref name="days"/> days ending at <paramref name="now"/>; an unknown length falls back to <see cref="DefaultDays"/>.</summary>
    public static KpiWindow Ending(DateTimeOffset now, int? days)
    {
        var length = Length(days);
        var to = now.ToUnixTimeMilliseconds();
        return new KpiWindow(length, to - length * DayMs, to);
    }

    /// <summary>Whether an instant (epoch ms) lies in the window.</summary>
    public bool Contains(long epochMs) => epochMs >= FromMs && epochMs <= ToMs;
}
