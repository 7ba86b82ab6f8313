namespace FinSight.Core.Storage;

/// <summary>
/// What a chunk's summary columns record: its step range and the exact points holding its lowest and
/// highest value (NaN ignored). Where values tie, the point first in series order (step, timestamp,
/// then arrival) is kept, which is the point <see cref="MinMaxDownsampler"/> would keep. A chunk of
/// NaN only records its first point in series order as both, so an all-NaN stretch still shows as a hole.
/// </summary>
/// <param name="MinStep">Smallest step in the chunk.</param>
/// <param name="MaxStep">Greatest step in the chunk.</param>
/// <param name="Lowest">The point with the lowest value.</param>
/// <param name="Highest">The point with the highest value.</param>
public readonly record struct ChunkExtremes(long MinStep, long MaxStep, MetricPoint Lowest, MetricPoint Highest)
{
    /// <summary>True when every value in the chunk is NaN.</summary>
    public bool AllNaN => double.IsNaN(Lowest.Value);

    /// <summary>Summarizes points given in arrival order; there must be at least one.</summary>
    public static ChunkExtremes Of(ReadOnlySpan<MetricPoint> points)
    {
        if (points.IsEmpty) throw new ArgumentException("A chunk holds at least one point.", nameof(points));
        long minStep = long.MaxValue, maxStep = long.MinValue;
        var first = points[0];
        MetricPoint? lowest = null, highest = null;
        foreach (var p in points)
        {
            if (p.Step < minStep) minStep = p.Step;
            if (p.Step > maxStep) maxStep = p.Step;
            // Strictly before only: with equal step and timestamp the earlier arrival stays.
            if (SeriesOrder.Precedes(p, first)) first = p;
            if (double.IsNaN(p.Value)) continue;
            if (lowest is not { } lo || p.Value < lo.Value || (p.Value == lo.Value && SeriesOrder.Precedes(p, lo))) lowest = p;
            if (highest is not { } hi || p.Value > hi.Value || (p.Value == hi.Value && SeriesOrder.Precedes(p, hi))) highest = p;
        }
        return new ChunkExtremes(minStep, maxStep, lowest ?? first, highest ?? first);
    }
}
