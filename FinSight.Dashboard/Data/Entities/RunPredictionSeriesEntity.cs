namespace FinSight.Dashboard.Data.Entities;

/// <summary>
/// A prediction series logged for a run (an artifact-like record of what its <c>fin/*</c> metrics were computed from).
/// The arrays are packed by <see cref="FinSight.Core.Storage.PackedDoubles"/>; Returns is null when the strategy's returns
/// were derived from the predictions. (RunId, BatchId) is unique: a resent series is acknowledged, not stored twice.
/// </summary>
public sealed class RunPredictionSeriesEntity
{
    public long Id { get; set; }
    public required string RunId { get; set; }
    public required string BatchId { get; set; }
    public long Step { get; set; }
    public long CreatedAt { get; set; }
    public int PointCount { get; set; }
    public double PeriodsPerYear { get; set; }
    public required byte[] Actual { get; set; }
    public required byte[] Predicted { get; set; }
    public byte[]? Returns { get; set; }
}
