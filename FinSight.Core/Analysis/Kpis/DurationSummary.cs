namespace FinSight.Core.Analysis.Kpis;

/// <summary>Median and mean training time (end − start) of ended runs.</summary>
/// <param name="Count">How many durations were summarised.</param>
/// <param name="Median">The middle duration; the mean of the two middle ones for an even count.</param>
/// <param name="Mean">The arithmetic mean.</param>
public sealed record DurationSummary(int Count, TimeSpan Median, TimeSpan Mean)
{
    /// <summary>
    /// Summarises durations in milliseconds; null when there are none. A negative duration (an end before the
    /// start, from a clock that moved back) counts as zero.
    /// </summary>
    public static DurationSummary? Of(IEnumerable<long> durationsMs)
    {
        var sorted = durationsMs.Select(d => Math.Max(0, d)).Order().ToArray();
        if (sorted.Length == 0) return null;
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
        // Summed as doubles: thousands of week-long runs would overflow no long, but the mean needs fractions anyway.
        var mean = sorted.Sum(d => (double)d) / sorted.Length;
        return new DurationSummary(sorted.Length, TimeSpan.FromMilliseconds(median), TimeSpan.FromMilliseconds(mean));
    }
}
