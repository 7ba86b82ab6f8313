namespace FinSight.Core.Storage;

/// <summary>A point with its place in arrival order: chunk id, then position in the chunk.</summary>
internal readonly record struct PlacedPoint(MetricPoint Point, long ChunkId, int Position)
{
    /// <summary>Series order: step, timestamp, then arrival.</summary>
    public bool Precedes(in PlacedPoint other) =>
        SeriesOrder.Precedes(Point, other.Point)
        || (Point.Step == other.Point.Step && Point.Timestamp == other.Point.Timestamp
            && (ChunkId < other.ChunkId || (ChunkId == other.ChunkId && Position < other.Position)));
}

/// <summary>
/// One bucket's running minimum and maximum, offered points in any order. Ties go to the point first
/// in series order, which is what a scan in series order with strict comparisons keeps.
/// </summary>
internal struct BucketExtremes
{
    private PlacedPoint _min;
    private PlacedPoint _max;
    private PlacedPoint _firstNaN;
    private bool _hasValue;
    private bool _hasNaN;

    public void Offer(in PlacedPoint candidate)
    {
        var v = candidate.Point.Value;
        if (double.IsNaN(v))
        {
            if (!_hasNaN || candidate.Precedes(_firstNaN)) _firstNaN = candidate;
            _hasNaN = true;
            return;
        }
        if (!_hasValue)
        {
            _min = _max = candidate;
            _hasValue = true;
            return;
        }
        var min = _min.Point.Value;
        if (v < min || (v == min && candidate.Precedes(_min))) _min = candidate;
        var max = _max.Point.Value;
        if (v > max || (v == max && candidate.Precedes(_max))) _max = candidate;
    }

    /// <summary>Adds what the bucket shows: min and max in series order, one point if they are the same, or a NaN hole.</summary>
    public readonly void AppendTo(List<MetricPoint> result)
    {
        if (_hasValue)
        {
            // Equal values mean every value in the bucket is equal, and both picks are the same first point.
            if (_min.Point.Value == _max.Point.Value) result.Add(_min.Point);
            else if (_min.Precedes(_max)) { result.Add(_min.Point); result.Add(_max.Point); }
            else { result.Add(_max.Point); result.Add(_min.Point); }
        }
        else if (_hasNaN)
        {
            result.Add(_firstNaN.Point);
        }
    }
}
