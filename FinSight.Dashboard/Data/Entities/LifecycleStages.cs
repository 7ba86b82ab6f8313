namespace FinSight.Dashboard.Data.Entities;

/// <summary>MLflow's lifecycle names for experiments and runs (soft delete).</summary>
public static class LifecycleStages
{
    public const string Active = "active";
    public const string Deleted = "deleted";
}
