namespace FinSight.Dashboard.Data.Entities;

/// <summary>One security-relevant event: who did what to what, when and from where.</summary>
public sealed class AuditEventEntity
{
    public long Id { get; set; }
    /// <summary>Epoch milliseconds.</summary>
    public long Time { get; set; }
    /// <summary>The acting user's id; null for anonymous callers (a failed sign-in) and the server itself.</summary>
    public string? ActorId { get; set; }
    /// <summary>The acting user's email, the email tried in a failed sign-in, or "system".</summary>
    public required string Actor { get; set; }
    /// <summary>One of <see cref="FinSight.Dashboard.Access.AuditActions"/>.</summary>
    public required string Action { get; set; }
    /// <summary>What it was done to: a user's email, a key id, an experiment id.</summary>
    public string? Target { get; set; }
    public string? Detail { get; set; }
    /// <summary>The caller's IP address, when known.</summary>
    public string? Address { get; set; }
}
