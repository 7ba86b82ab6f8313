using System.Security.Claims;
using FinSight.Core.Access;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Configuration;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinSight.Dashboard.Access;

/// <summary>One user's explicit level on an experiment.</summary>
public sealed record ExperimentPermission(string UserId, string Email, string Level, long UpdateTime);

/// <summary>Who may do what with an experiment: the default for everyone else, then the explicit levels.</summary>
public sealed record ExperimentPermissions(string ExperimentId, string DefaultLevel, IReadOnlyList<ExperimentPermission> Permissions);

/// <summary>
/// Sharing an experiment (<c>/api/v1/experiments/{id}/permissions</c> and the experiment page's Share dialog):
/// those with MANAGE on it, and admins, grant, change and revoke other users' levels. Audited.
/// </summary>
public sealed class PermissionAdministration(IDbContextFactory<FinSightDbContext> contexts, ExperimentAccess access, AuditLog audit,
    IOptions<AuthOptions> options, TimeProvider time)
{
    public async Task<ExperimentPermissions> ListAsync(ClaimsPrincipal caller, string? experimentId, CancellationToken cancellationToken = default)
    {
        var id = await RequireManageAsync(caller, experimentId, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ExperimentPermissions.AsNoTracking().Where(p => p.ExperimentId == id)
            .Select(p => new { p.UserId, p.User!.Email, p.Level, p.UpdateTime })
            .ToListAsync(cancellationToken);
        return new ExperimentPermissions(id.ToString(), options.Value.DefaultLevel.ToWire(),
            rows.OrderBy(r => r.Email, StringComparer.OrdinalIgnoreCase).Select(r => new ExperimentPermission(r.UserId, r.Email ?? "", r.Level, r.UpdateTime)).ToList());
    }

    /// <summary>Grants or changes <paramref name="email"/>'s level on the experiment.</summary>
    public async Task<ExperimentPermission> SetAsync(ClaimsPrincipal caller, string? experimentId, string? email, string? level, CancellationToken cancellationToken = default)
    {
        var id = await RequireManageAsync(caller, experimentId, cancellationToken);
        if (string.IsNullOrWhiteSpace(email)) throw TrackingException.Invalid("email is required: whose permission to set.");
        if (!PermissionLevels.TryParse(level, out var parsed))
            throw TrackingException.Invalid($"level '{level}' is not a permission level; use {PermissionLevels.Expected}.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var normalized = email.Trim().ToUpperInvariant();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken)
            ?? throw TrackingException.NotFound($"No user has the email '{email.Trim()}'.");
        var isAdmin = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                             where ur.UserId == user.Id && r.Name == Roles.Admin select ur).AnyAsync(cancellationToken);
        if (isAdmin) throw TrackingException.Invalid($"{user.Email} is an admin and has every permission; change their role to limit them.");
        var row = await db.ExperimentPermissions.AsTracking().FirstOrDefaultAsync(p => p.ExperimentId == id && p.UserId == user.Id, cancellationToken);
        var before = row?.Level;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (row is null)
        {
            row = new ExperimentPermissionEntity { ExperimentId = id, UserId = user.Id, Level = parsed.ToWire(), UpdateTime = now };
            db.ExperimentPermissions.Add(row);
        }
        else
        {
            row.Level = parsed.ToWire();
            row.UpdateTime = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        access.Invalidate();
        await audit.RecordAsync(caller, AuditActions.PermissionChanged, $"experiment {id}",
            $"{user.Email}: {before ?? $"default ({options.Value.DefaultLevel.ToWire()})"} → {row.Level}", cancellationToken);
        return new ExperimentPermission(user.Id, user.Email ?? "", row.Level, now);
    }

    /// <summary>Removes a user's explicit level: they fall back to the default.</summary>
    public async Task RevokeAsync(ClaimsPrincipal caller, string? experimentId, string? userId, CancellationToken cancellationToken = default)
    {
        var id = await RequireManageAsync(caller, experimentId, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ExperimentPermissions.AsTracking().Include(p => p.User)
            .FirstOrDefaultAsync(p => p.ExperimentId == id && p.UserId == userId, cancellationToken)
            ?? throw TrackingException.NotFound($"User '{userId}' has no explicit permission on experiment {id}.");
        db.ExperimentPermissions.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        access.Invalidate();
        await audit.RecordAsync(caller, AuditActions.PermissionChanged, $"experiment {id}",
            $"{row.User?.Email}: {row.Level} → default ({options.Value.DefaultLevel.ToWire()})", cancellationToken);
    }

    private async Task<long> RequireManageAsync(ClaimsPrincipal caller, string? experimentId, CancellationToken cancellationToken)
    {
        var id = TrackingValidator.ExperimentId(experimentId);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Experiments.AnyAsync(e => e.Id == id, cancellationToken))
                throw TrackingException.NotFound($"Experiment {experimentId} does not exist.");
        }
        await access.RequireAsync(caller, id, PermissionLevel.Manage, cancellationToken);
        return id;
    }
}
