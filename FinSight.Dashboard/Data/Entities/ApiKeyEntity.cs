namespace FinSight.Dashboard.Data.Entities;

/// <summary>An API key: only the SHA-256 of its secret is stored; the secret is shown once, at creation.</summary>
public sealed class ApiKeyEntity
{
    /// <summary>Public id, safe to show and log (not part of the secret).</summary>
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    /// <summary>The secret's first characters, so a user can tell their keys apart.</summary>
    public required string Prefix { get; set; }
    /// <summary>Lower-case hex SHA-256 of the whole secret.</summary>
    public required string SecretHash { get; set; }
    public long CreationTime { get; set; }
    public long? ExpiresAt { get; set; }
    public long? RevokedAt { get; set; }
    public long? LastUsedAt { get; set; }
    public FinSightUser? User { get; set; }
}
