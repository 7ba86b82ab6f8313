namespace FinSight.Dashboard.Data.Entities;

/// <summary>An experiment's tag (MLflow's set-experiment-tag): key → string value, mutable.</summary>
public sealed class ExperimentTagEntity
{
    public long ExperimentId { get; set; }
    public required string Key { get; set; }
    public required string Value { get; set; }
}
