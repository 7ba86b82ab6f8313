namespace FinSight.Core.Storage;

/// <summary>
/// Scans straddling chunks for <see cref="SummaryDownsampler"/>: decodes into reused column buffers and
/// offers each bucket only what a run of same-bucket points can contribute (its minimum, maximum and
/// first NaN). Millions of points pass through here on a long series, so nothing is allocated per point.
/// </summary>
internal sealed class ChunkColumns
{
    private long[] _steps = new long[4096];
    private long[] _timestamps = new long[4096];
    private double[] _values = new double[4096];

    public void DecodeAndOffer(ReadOnlySpan<byte> blob, long chunkId, SummaryDownsampler.BucketLocator locator, BucketExtremes[] buckets)
    {
        var count = MetricChunkCodec.DecodeColumns(blob, ref _steps, ref _timestamps, ref _values);
        var steps = _steps.AsSpan(0, count);
        var values = _values.AsSpan(0, count);
        int bucket = -1, low = -1, high = -1, nan = -1;
        double lowValue = 0, highValue = 0;
        for (var i = 0; i < count; i++)
        {
            var b = locator.IndexOf(steps[i]);
            if (b != bucket)
            {
                Flush(chunkId, buckets, bucket, low, high, nan);
                bucket = b;
                low = high = nan = -1;
            }
            var v = values[i];
            if (double.IsNaN(v))
            {
                if (nan < 0 || Precedes(i, nan)) nan = i;
            }
            else if (low < 0)
            {
                low = high = i;
                lowValue = highValue = v;
            }
            else
            {
                // Position is arrival within a chunk: replacing only on "strictly before" keeps the earlier arrival on ties.
                if (v < lowValue || (v == lowValue && Precedes(i, low))) { low = i; lowValue = v; }
                if (v > highValue || (v == highValue && Precedes(i, high))) { high = i; highValue = v; }
            }
        }
        Flush(chunkId, buckets, bucket, low, high, nan);
    }

    private bool Precedes(int a, int b) => _steps[a] < _steps[b] || (_steps[a] == _steps[b] && _timestamps[a] < _timestamps[b]);

    private void Flush(long chunkId, BucketExtremes[] buckets, int bucket, int low, int high, int nan)
    {
        if (bucket < 0) return;
        if (low >= 0)
        {
            buckets[bucket].Offer(new PlacedPoint(Point(low), chunkId, low));
            buckets[bucket].Offer(new PlacedPoint(Point(high), chunkId, high));
        }
        if (nan >= 0) buckets[bucket].Offer(new PlacedPoint(Point(nan), chunkId, nan));
    }

    private MetricPoint Point(int i) => new(_steps[i], _timestamps[i], _values[i]);
}
