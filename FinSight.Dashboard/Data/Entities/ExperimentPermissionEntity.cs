namespace FinSight.Dashboard.Data.Entities;

/// <summary>A user's explicit level on one experiment; users without one get the configured default.</summary>
public sealed class ExperimentPermissionEntity
{
    public long ExperimentId { get; set; }
    public required string UserId { get; set; }
    /// <summary>READ, EDIT, MANAGE or NO_PERMISSIONS (<see cref="FinSight.Core.Access.PermissionLevels"/>).</summary>
    public required string Level { get; set; }
    public long UpdateTime { get; set; }
    public FinSightUser? User { get; set; }
}
