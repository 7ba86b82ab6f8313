namespace FinSight.Dashboard.Data.Entities;

/// <summary>A user's choice of which way a metric improves within one experiment, overriding the name-based guess.</summary>
public sealed class MetricDirectionEntity
{
    public long ExperimentId { get; set; }
    public required string Key { get; set; }
    /// <summary>"lower" or "higher" (<see cref="FinSight.Core.Analysis.MetricDirections.ToWire"/>).</summary>
    public required string Direction { get; set; }
    public long UpdateTime { get; set; }
}
