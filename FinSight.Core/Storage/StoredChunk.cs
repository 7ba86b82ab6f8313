namespace FinSight.Core.Storage;

/// <summary>A stored chunk as a history read sees it before deciding whether to decode it.</summary>
/// <param name="Id">Chunk id; ids grow with arrival.</param>
/// <param name="MinStep">Smallest step in the chunk.</param>
/// <param name="MaxStep">Greatest step in the chunk.</param>
/// <param name="PointCount">Number of points.</param>
/// <param name="Extremes">The recorded lowest and highest points (<see cref="ChunkExtremes"/>), or null for a
/// chunk written before they were recorded, which is then always decoded.</param>
public readonly record struct StoredChunk(long Id, long MinStep, long MaxStep, int PointCount, (MetricPoint Lowest, MetricPoint Highest)? Extremes);

/// <summary>Loads the blobs of the given chunks, in the order of <paramref name="chunkIds"/>.</summary>
public delegate Task<IReadOnlyList<byte[]>> ChunkBlobLoader(IReadOnlyList<long> chunkIds, CancellationToken cancellationToken);
