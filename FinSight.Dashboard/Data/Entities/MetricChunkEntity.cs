namespace FinSight.Dashboard.Data.Entities;

/// <summary>
/// Consecutive points of one series packed by <see cref="FinSight.Core.Storage.MetricChunkCodec"/>.
/// Chunk ids grow with arrival, so ordering chunks by id and points within a chunk by position gives
/// arrival order. MinStep/MaxStep let a range read skip chunks that cannot overlap it. The step and
/// timestamp of the points holding MinValue and MaxValue (<see cref="FinSight.Core.Storage.ChunkExtremes"/>)
/// let a zoomed-out read use a chunk without decoding it; they are null on chunks written before they were recorded.
/// </summary>
public sealed class MetricChunkEntity
{
    public long Id { get; set; }
    public long SeriesId { get; set; }
    public long MinStep { get; set; }
    public long MaxStep { get; set; }
    public int PointCount { get; set; }
    public double? MinValue { get; set; }
    public double? MaxValue { get; set; }
    public long? MinPointStep { get; set; }
    public long? MinPointTimestamp { get; set; }
    public long? MaxPointStep { get; set; }
    public long? MaxPointTimestamp { get; set; }
    public required byte[] Data { get; set; }
}
