namespace FinSight.Dashboard.Data.Entities;

public sealed class RunEntity
{
    public required string RunId { get; set; }
    public long ExperimentId { get; set; }
    public required string Name { get; set; }
    /// <summary>Wire name of <see cref="FinSight.Core.Tracking.RunStatus"/>.</summary>
    public required string Status { get; set; }
    public long StartTime { get; set; }
    public long? EndTime { get; set; }
    public string? Owner { get; set; }
    public string LifecycleStage { get; set; } = LifecycleStages.Active;
    public string? ArtifactUri { get; set; }
    public ExperimentEntity? Experiment { get; set; }
}
