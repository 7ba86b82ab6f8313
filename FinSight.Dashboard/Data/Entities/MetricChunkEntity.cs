namespace FinSight.Dashboard.Data.Entities;

/// <summary>
/// Consecutive points of one series packed by <see cref="FinSight.Core.Storage.MetricChunkCodec"/>.
/// Chunk ids grow with arrival, so ordering chunks by id and points within a chunk by position gives
/// arrival order. MinStep/MaxStep let a range read skip chunks that cannot overlap it.
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
    public required byte[] Data { get; set; }
}
