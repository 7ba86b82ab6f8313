namespace FinSight.Dashboard.Data.Entities;

/// <summary>A batch id committed for a run: a resend with the same id is acknowledged, not stored again.</summary>
public sealed class IngestedBatchEntity
{
    public required string RunId { get; set; }
    public required string BatchId { get; set; }
    public int PointCount { get; set; }
    public long CommittedAt { get; set; }
}
