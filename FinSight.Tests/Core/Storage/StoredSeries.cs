using FinSight.Core.Storage;

namespace FinSight.Tests.Core.Storage;

/// <summary>
/// A series cut into encoded chunks the way the writer stores them, with a blob loader that counts
/// what it was asked for, and the reference answer: decode everything, order, thin.
/// </summary>
public sealed class StoredSeries
{
    private readonly Dictionary<long, byte[]> _blobs = [];
    private readonly List<MetricPoint> _arrival = [];

    public List<StoredChunk> Chunks { get; } = [];

    public int DecodedChunks { get; private set; }

    /// <summary>Appends points in arrival order as chunks of <paramref name="chunkPoints"/>; legacy chunks record no extremes.</summary>
    public StoredSeries Append(IEnumerable<MetricPoint> points, int chunkPoints, bool legacy = false)
    {
        foreach (var slice in points.Chunk(chunkPoints))
        {
            var id = Chunks.Count + 1L;
            var x = ChunkExtremes.Of(slice);
            Chunks.Add(new StoredChunk(id, x.MinStep, x.MaxStep, slice.Length, legacy ? null : (x.Lowest, x.Highest)));
            _blobs[id] = MetricChunkCodec.Encode(slice);
            _arrival.AddRange(slice);
        }
        return this;
    }

    public Task<IReadOnlyList<MetricPoint>> DownsampleAsync(int maxPoints, long from = long.MinValue, long to = long.MaxValue) =>
        SummaryDownsampler.DownsampleAsync(Chunks.Where(c => c.MaxStep >= from && c.MinStep <= to).ToList(), from, to, maxPoints, LoadAsync);

    public IReadOnlyList<MetricPoint> Reference(int maxPoints, long from = long.MinValue, long to = long.MaxValue) =>
        MinMaxDownsampler.Downsample(SeriesOrder.ByStep(_arrival.Where(p => p.Step >= from && p.Step <= to).ToList()), maxPoints);

    private Task<IReadOnlyList<byte[]>> LoadAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        DecodedChunks += ids.Count;
        return Task.FromResult<IReadOnlyList<byte[]>>(ids.Select(id => _blobs[id]).ToList());
    }

    /// <summary>A decaying, noisy training curve with a few spikes, as a loss usually looks.</summary>
    public static List<MetricPoint> Loss(int count, int seed, long firstStep = 0)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var value = 2.0 * Math.Exp(-i / (count / 4.0)) + 0.05 * random.NextDouble();
            if (random.Next(5000) == 0) value += 10 * random.NextDouble() - 5;
            return new MetricPoint(firstStep + i, 1_700_000_000_000L + i * 10L, value);
        }).ToList();
    }
}
