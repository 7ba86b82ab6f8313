using System.Security.Claims;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace FinSight.Dashboard.Access;

/// <summary>The names of audited actions, as stored and filtered on.</summary>
public static class AuditActions
{
    public const string SignIn = "sign_in";
    public const string SignInFailed = "sign_in_failed";
    public const string LockedOut = "locked_out";
    public const string SignOut = "sign_out";
    public const string TokenIssued = "token_issued";
    public const string PasswordChanged = "password_changed";
    public const string PasswordReset = "password_reset";
    public const string UserCreated = "user_created";
    public const string UserDisabled = "user_disabled";
    public const string UserEnabled = "user_enabled";
    public const string RoleChanged = "role_changed";
    public const string KeyCreated = "key_created";
    public const string KeyRevoked = "key_revoked";
    public const string PermissionChanged = "permission_changed";
    public const string ExperimentDeleted = "experiment_deleted";
    public const string ExperimentRestored = "experiment_restored";
    public const string AbTestCreated = "ab_test_created";
    public const string AbTestStarted = "ab_test_started";
    public const string AbTestStopped = "ab_test_stopped";
    public const string AbTestEnded = "ab_test_ended";
    public const string AbTestSplitChanged = "ab_test_split_changed";
    public const string ModelDeleted = "model_deleted";
    public const string ModelVersionDeleted = "model_version_deleted";

    public static readonly IReadOnlyList<string> All =
    [
        SignIn, SignInFailed, LockedOut, SignOut, TokenIssued, PasswordChanged, PasswordReset, UserCreated, UserDisabled,
        UserEnabled, RoleChanged, KeyCreated, KeyRevoked, PermissionChanged, ExperimentDeleted, ExperimentRestored,
        AbTestCreated, AbTestStarted, AbTestStopped, AbTestEnded, AbTestSplitChanged, ModelDeleted, ModelVersionDeleted,
    ];
}

/// <summary>One audit event as shown and returned by <c>GET /api/v1/admin/audit</c>.</summary>
public sealed record AuditEvent(long Id, long Time, string Actor, string Action, string? Target, string? Detail, string? Address);

/// <summary>What to show of the audit log; every part optional.</summary>
public sealed record AuditQuery
{
    public string? Action { get; init; }
    /// <summary>Part of the actor's email.</summary>
    public string? Actor { get; init; }
    /// <summary>Part of the target or detail.</summary>
    public string? Text { get; init; }
    public long? Since { get; init; }
    public long? Until { get; init; }
    public int Limit { get; init; } = 200;
}

/// <summary>
/// Records security-relevant events in the database (who, when, what, from which address). Written straight
/// away, not queued with metrics: these events are rare and must not wait behind a metrics backlog.
/// </summary>
public sealed class AuditLog(IDbContextFactory<FinSightDbContext> contexts, IHttpContextAccessor http, TimeProvider time, ILogger<AuditLog> logger)
{
    public const int MaxLimit = 1000;

    public Task RecordAsync(ClaimsPrincipal actor, string action, string? target, string? detail = null, CancellationToken cancellationToken = default) =>
        RecordAsync(actor.UserId(), actor.Identity?.IsAuthenticated == true ? actor.Email() : "anonymous", action, target, detail, cancellationToken);

    public async Task RecordAsync(string? actorId, string actor, string action, string? target, string? detail = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.AuditEvents.Add(new AuditEventEntity
        {
            Time = time.GetUtcNow().ToUnixTimeMilliseconds(),
            ActorId = actorId,
            Actor = Truncate(actor, 256)!,
            Action = action,
            Target = Truncate(target, 256),
            Detail = Truncate(detail, 1000),
            Address = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
        });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Audit: {Actor} {Action} {Target} {Detail}", actor, action, target, detail);
    }

    /// <summary>Newest first. Admins only.</summary>
    public async Task<IReadOnlyList<AuditEvent>> QueryAsync(ClaimsPrincipal caller, AuditQuery query, CancellationToken cancellationToken = default)
    {
        ExperimentAccess.RequireAdmin(caller);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var events = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Action)) events = events.Where(e => e.Action == query.Action.Trim());
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var actor = query.Actor.Trim().ToLower();
            events = events.Where(e => e.Actor.ToLower().Contains(actor));
        }
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim().ToLower();
            events = events.Where(e => (e.Target != null && e.Target.ToLower().Contains(text)) || (e.Detail != null && e.Detail.ToLower().Contains(text)));
        }
        if (query.Since is { } since) events = events.Where(e => e.Time >= since);
        if (query.Until is { } until) events = events.Where(e => e.Time <= until);
        return await events.OrderByDescending(e => e.Id).Take(Math.Clamp(query.Limit, 1, MaxLimit))
            .Select(e => new AuditEvent(e.Id, e.Time, e.Actor, e.Action, e.Target, e.Detail, e.Address))
            .ToListAsync(cancellationToken);
    }

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
