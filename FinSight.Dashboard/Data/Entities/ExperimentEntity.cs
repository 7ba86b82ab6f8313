namespace FinSight.Dashboard.Data.Entities;

public sealed class ExperimentEntity
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public string LifecycleStage { get; set; } = LifecycleStages.Active;
    public long CreationTime { get; set; }
    public long LastUpdateTime { get; set; }
    public List<RunEntity> Runs { get; set; } = [];
}
