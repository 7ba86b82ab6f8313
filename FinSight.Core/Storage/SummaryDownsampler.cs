namespace FinSight.Core.Storage;

/// <summary>
/// The min/max thinning of <see cref="MinMaxDownsampler"/> computed from chunk summaries. A chunk that
/// lies inside one bucket contributes its recorded lowest and highest points without being decoded;
/// only chunks that straddle a bucket boundary, hold the series' first or last step, cross the requested
/// range's edge, or have no recorded extremes are decoded. The answer is the same list, point for point,
/// as decoding every chunk, ordering with <see cref="SeriesOrder"/> and thinning with <see cref="MinMaxDownsampler"/>.
/// </summary>
public static class SummaryDownsampler
{
    // Enough blobs per query to keep round trips few, few enough that a 10 M-point read never holds much at once.
    private const int LoadBatch = 128;

    /// <summary>
    /// Thins the points of <paramref name="chunks"/> within <paramref name="fromStep"/>..<paramref name="toStep"/>
    /// to at most <paramref name="maxPoints"/>. <paramref name="chunks"/> are those overlapping the range.
    /// </summary>
    public static async Task<IReadOnlyList<MetricPoint>> DownsampleAsync(IReadOnlyList<StoredChunk> chunks, long fromStep, long toStep,
        int maxPoints, ChunkBlobLoader load, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 4);
        var byArrival = chunks.OrderBy(c => c.Id).ToList();
        var decoded = new List<(long Id, List<MetricPoint> Points)>();
        var summarized = new List<StoredChunk>();
        var mustDecode = new List<StoredChunk>();
        foreach (var chunk in byArrival)
        {
            if (chunk.Extremes is null || chunk.MinStep < fromStep || chunk.MaxStep > toStep || IsAmbiguous(chunk)) mustDecode.Add(chunk);
            else summarized.Add(chunk);
        }
        await DecodeAsync(mustDecode, fromStep, toStep, load, decoded, cancellationToken);

        var count = decoded.Sum(d => (long)d.Points.Count) + summarized.Sum(c => (long)c.PointCount);
        if (count <= maxPoints)
        {
            await DecodeAsync(summarized, fromStep, toStep, load, decoded, cancellationToken);
            var arrival = new List<MetricPoint>((int)count);
            foreach (var (_, points) in decoded.OrderBy(d => d.Id)) arrival.AddRange(points);
            return SeriesOrder.ByStep(arrival);
        }

        long firstStep = long.MaxValue, lastStep = long.MinValue;
        foreach (var c in summarized) { firstStep = Math.Min(firstStep, c.MinStep); lastStep = Math.Max(lastStep, c.MaxStep); }
        foreach (var (_, points) in decoded)
        {
            foreach (var p in points) { firstStep = Math.Min(firstStep, p.Step); lastStep = Math.Max(lastStep, p.Step); }
        }
        var grid = new StepBuckets(firstStep, lastStep, maxPoints);

        // The first and last points are kept apart from the buckets, so the chunks that may hold them are decoded.
        var edges = new List<StoredChunk>();
        var straddling = new List<StoredChunk>();
        var inside = new List<StoredChunk>();
        foreach (var c in summarized)
        {
            if (c.MinStep == firstStep || c.MaxStep == lastStep) edges.Add(c);
            else if (grid.IndexOf(c.MinStep) != grid.IndexOf(c.MaxStep)) straddling.Add(c);
            else inside.Add(c);
        }
        await DecodeAsync(edges, fromStep, toStep, load, decoded, cancellationToken);
        var (first, last) = FirstAndLast(decoded);

        var buckets = new BucketExtremes[grid.Count];
        var locator = new BucketLocator(grid);
        foreach (var (id, points) in decoded)
        {
            for (var i = 0; i < points.Count; i++)
            {
                var placed = new PlacedPoint(points[i], id, i);
                if (placed == first || placed == last) continue;
                buckets[locator.IndexOf(placed.Point.Step)].Offer(placed);
            }
        }
        var buffer = new List<MetricPoint>();
        for (var at = 0; at < straddling.Count; at += LoadBatch)
        {
            var batch = straddling.GetRange(at, Math.Min(LoadBatch, straddling.Count - at));
            var blobs = await load(batch.Select(c => c.Id).ToList(), cancellationToken);
            for (var k = 0; k < batch.Count; k++)
            {
                buffer.Clear();
                MetricChunkCodec.DecodeInto(blobs[k], buffer);
                for (var i = 0; i < buffer.Count; i++) buckets[locator.IndexOf(buffer[i].Step)].Offer(new PlacedPoint(buffer[i], batch[k].Id, i));
            }
        }
        foreach (var c in inside)
        {
            var (lowest, highest) = c.Extremes!.Value;
            ref var bucket = ref buckets[grid.IndexOf(c.MinStep)];
            bucket.Offer(new PlacedPoint(lowest, c.Id, 0));
            bucket.Offer(new PlacedPoint(highest, c.Id, 0));
        }

        var result = new List<MetricPoint>(maxPoints) { first.Point };
        foreach (var bucket in buckets) bucket.AppendTo(result);
        result.Add(last.Point);
        return result;
    }

    /// <summary>
    /// Lowest and highest at the same step and timestamp but different values: only their positions in the
    /// chunk, which are not recorded, say which comes first, so such a chunk is decoded.
    /// </summary>
    private static bool IsAmbiguous(StoredChunk chunk) =>
        chunk.Extremes is var (lo, hi)
        && lo.Step == hi.Step && lo.Timestamp == hi.Timestamp && !lo.Value.Equals(hi.Value);

    private static (PlacedPoint First, PlacedPoint Last) FirstAndLast(List<(long Id, List<MetricPoint> Points)> decoded)
    {
        PlacedPoint? first = null, last = null;
        foreach (var (id, points) in decoded)
        {
            for (var i = 0; i < points.Count; i++)
            {
                var placed = new PlacedPoint(points[i], id, i);
                if (first is not { } f || placed.Precedes(f)) first = placed;
                if (last is not { } l || l.Precedes(placed)) last = placed;
            }
        }
        return (first!.Value, last!.Value);
    }

    private static async Task DecodeAsync(List<StoredChunk> chunks, long fromStep, long toStep, ChunkBlobLoader load,
        List<(long Id, List<MetricPoint> Points)> into, CancellationToken cancellationToken)
    {
        for (var at = 0; at < chunks.Count; at += LoadBatch)
        {
            var batch = chunks.GetRange(at, Math.Min(LoadBatch, chunks.Count - at));
            var blobs = await load(batch.Select(c => c.Id).ToList(), cancellationToken);
            for (var k = 0; k < batch.Count; k++)
            {
                var points = MetricChunkCodec.Decode(blobs[k]);
                if (batch[k].MinStep < fromStep || batch[k].MaxStep > toStep) points.RemoveAll(p => p.Step < fromStep || p.Step > toStep);
                into.Add((batch[k].Id, points));
            }
        }
    }

    /// <summary>Finds a step's bucket, remembering the last bucket's bounds since neighbouring points mostly share one.</summary>
    private sealed class BucketLocator(StepBuckets grid)
    {
        private int _bucket = -1;
        private double _low;
        private double _high;

        public int IndexOf(long step)
        {
            if (_bucket >= 0 && step >= _low && step < _high) return _bucket;
            _bucket = grid.IndexOf(step);
            _low = _bucket == 0 ? double.NegativeInfinity : grid.Limit(_bucket - 1);
            _high = _bucket == grid.Count - 1 ? double.PositiveInfinity : grid.Limit(_bucket);
            return _bucket;
        }
    }
}
