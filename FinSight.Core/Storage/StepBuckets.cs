namespace FinSight.Core.Storage;

/// <summary>
/// The equal step buckets a min/max thinning uses: <c>(maxPoints - 2) / 2</c> buckets over
/// <c>[firstStep, lastStep]</c>. Both the full-decode and the summary-based thinning place points
/// through this one type, so they agree on every boundary to the last bit of floating point.
/// </summary>
public readonly struct StepBuckets
{
    private readonly double _span;

    /// <summary>Buckets for a series whose ordered points run from <paramref name="firstStep"/> to <paramref name="lastStep"/>.</summary>
    public StepBuckets(long firstStep, long lastStep, int maxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 4);
        FirstStep = firstStep;
        Count = (maxPoints - 2) / 2;
        _span = (double)(lastStep - firstStep) + 1;
    }

    /// <summary>Step of the series' first point.</summary>
    public long FirstStep { get; }

    /// <summary>Number of buckets.</summary>
    public int Count { get; }

    /// <summary>Bucket <paramref name="bucket"/> holds steps below this limit (the last bucket holds the rest).</summary>
    public double Limit(int bucket) => FirstStep + _span * (bucket + 1) / Count;

    /// <summary>The bucket a step falls in: the first whose limit is above it, or the last.</summary>
    public int IndexOf(long step)
    {
        var guess = (step - FirstStep) * (double)Count / _span;
        var bucket = guess <= 0 ? 0 : guess >= Count - 1 ? Count - 1 : (int)guess;
        // The guess can be one off where rounding differs from Limit's; settle it against Limit itself.
        while (bucket > 0 && step < Limit(bucket - 1)) bucket--;
        while (bucket < Count - 1 && step >= Limit(bucket)) bucket++;
        return bucket;
    }
}
