using System.Collections.Concurrent;
using System.Security.Claims;
using FinSight.Core.Access;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Configuration;
using FinSight.Dashboard.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinSight.Dashboard.Access;

/// <summary>
/// The one place that decides what a caller may do with an experiment: Admins bypass; everyone else has their
/// explicit level or the configured default; Viewers never more than READ. Every read and write path asks here.
/// A user's explicit levels are cached until any permission changes (<see cref="Invalidate"/>), because the
/// ingestion path asks on every metric batch.
/// </summary>
public sealed class ExperimentAccess(IDbContextFactory<FinSightDbContext> contexts, IOptions<AuthOptions> options)
{
    private readonly ConcurrentDictionary<string, UserLevels> _levels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _runExperiments = new(StringComparer.Ordinal);
    private long _version;
    private static readonly IReadOnlyDictionary<long, PermissionLevel> NoExplicitLevels = new Dictionary<long, PermissionLevel>();

    private sealed record UserLevels(long Version, IReadOnlyDictionary<long, PermissionLevel> Explicit);

    private PermissionLevel DefaultLevel => options.Value.DefaultLevel;

    /// <summary>Forget cached levels: call after a permission changes or an experiment is created (its creator's MANAGE). Roles travel in the caller's claims, not here.</summary>
    public void Invalidate() => Interlocked.Increment(ref _version);

    public async ValueTask<PermissionLevel> LevelAsync(ClaimsPrincipal caller, long experimentId, CancellationToken cancellationToken = default)
    {
        if (caller.UserId() is not { } userId) return PermissionLevel.NoPermissions;
        if (caller.IsAdmin()) return PermissionLevel.Manage;
        return Effective(caller, await ExplicitLevelsAsync(userId, cancellationToken), experimentId);
    }

    /// <summary>
    /// <see cref="LevelAsync"/> for many experiments at once (a list page deciding which row actions to offer):
    /// one lookup of the caller's explicit levels, not one per row.
    /// </summary>
    public async ValueTask<IReadOnlyDictionary<long, PermissionLevel>> LevelsAsync(ClaimsPrincipal caller, IReadOnlyCollection<long> experimentIds,
        CancellationToken cancellationToken = default)
    {
        var levels = new Dictionary<long, PermissionLevel>(experimentIds.Count);
        if (caller.UserId() is not { } userId)
        {
            foreach (var id in experimentIds) levels[id] = PermissionLevel.NoPermissions;
            return levels;
        }
        var explicitLevels = caller.IsAdmin() ? NoExplicitLevels : await ExplicitLevelsAsync(userId, cancellationToken);
        foreach (var id in experimentIds) levels[id] = Effective(caller, explicitLevels, id);
        return levels;
    }

    /// <summary>The one rule: admins everything; otherwise explicit or default; anyone not a Researcher at most READ.</summary>
    private PermissionLevel Effective(ClaimsPrincipal caller, IReadOnlyDictionary<long, PermissionLevel> explicitLevels, long experimentId)
    {
        if (caller.IsAdmin()) return PermissionLevel.Manage;
        var level = explicitLevels.TryGetValue(experimentId, out var explicitLevel) ? explicitLevel : DefaultLevel;
        return caller.IsInRole(Roles.Researcher) ? level : (PermissionLevel)Math.Min((int)level, (int)PermissionLevel.Read);
    }

    /// <summary>Throws a 403 naming the permission missing unless the caller has at least <paramref name="needed"/>.</summary>
    public async ValueTask RequireAsync(ClaimsPrincipal caller, long experimentId, PermissionLevel needed, CancellationToken cancellationToken = default)
    {
        var level = await LevelAsync(caller, experimentId, cancellationToken);
        if (level >= needed) return;
        if (needed > PermissionLevel.Read && caller.Role() == Roles.Viewer)
            throw TrackingException.Forbidden($"You need {needed.ToWire()} permission on experiment {experimentId}; the Viewer role can only read. Ask an admin for the Researcher role.");
        throw TrackingException.Forbidden($"You need {needed.ToWire()} permission on experiment {experimentId}; you have {level.ToWire()}. Ask someone with MANAGE on it, or an admin.");
    }

    /// <summary>As <see cref="RequireAsync"/> for the experiment a run belongs to; 404 when the run does not exist. Returns that experiment's id.</summary>
    public async ValueTask<long> RequireRunAsync(ClaimsPrincipal caller, string runId, PermissionLevel needed, CancellationToken cancellationToken = default)
    {
        var experimentId = await ExperimentOfRunAsync(runId, cancellationToken)
            ?? throw TrackingException.NotFound($"Run '{runId}' does not exist.");
        await RequireAsync(caller, experimentId, needed, cancellationToken);
        return experimentId;
    }

    /// <summary>
    /// Whether the caller may read the run now (false when it does not exist). Live views ask before each update:
    /// the live store hands out points without knowing who watches, and access can be taken away while a page is open.
    /// </summary>
    public async ValueTask<bool> CanReadRunAsync(ClaimsPrincipal caller, string runId, CancellationToken cancellationToken = default) =>
        await ExperimentOfRunAsync(runId, cancellationToken) is { } experimentId
        && await LevelAsync(caller, experimentId, cancellationToken) >= PermissionLevel.Read;

    /// <summary>Throws a 403 unless the caller may create experiments (Admin or Researcher).</summary>
    public static void RequireCanCreateExperiments(ClaimsPrincipal caller)
    {
        if (!caller.CanCreateExperiments())
            throw TrackingException.Forbidden("Creating experiments needs the Researcher or Admin role; you are a Viewer. Ask an admin.");
    }

    /// <summary>Throws a 403 unless the caller is an admin.</summary>
    public static void RequireAdmin(ClaimsPrincipal caller)
    {
        if (!caller.IsAdmin()) throw TrackingException.Forbidden("This needs the Admin role.");
    }

    /// <summary>What the caller may see, for list queries.</summary>
    public async ValueTask<AccessScope> ScopeAsync(ClaimsPrincipal caller, CancellationToken cancellationToken = default)
    {
        if (caller.UserId() is not { } userId) return AccessScope.Nothing;
        if (caller.IsAdmin()) return AccessScope.Everything;
        return AccessScope.For(DefaultLevel, await ExplicitLevelsAsync(userId, cancellationToken));
    }

    public async ValueTask<long?> ExperimentOfRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        if (_runExperiments.TryGetValue(runId, out var cached)) return cached;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.Runs.Where(r => r.RunId == runId).Select(r => (long?)r.ExperimentId).FirstOrDefaultAsync(cancellationToken);
        if (found is { } experimentId)
        {
            // Runs never move between experiments; the cap only bounds memory on a huge server.
            if (_runExperiments.Count > 100_000) _runExperiments.Clear();
            _runExperiments[runId] = experimentId;
        }
        return found;
    }

    private async ValueTask<IReadOnlyDictionary<long, PermissionLevel>> ExplicitLevelsAsync(string userId, CancellationToken cancellationToken)
    {
        var version = Volatile.Read(ref _version);
        if (_levels.TryGetValue(userId, out var cached) && cached.Version == version) return cached.Explicit;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ExperimentPermissions.Where(p => p.UserId == userId)
            .Select(p => new { p.ExperimentId, p.Level }).ToListAsync(cancellationToken);
        var levels = rows.ToDictionary(r => r.ExperimentId, r => PermissionLevels.TryParse(r.Level, out var l) ? l : PermissionLevel.NoPermissions);
        _levels[userId] = new UserLevels(version, levels);
        return levels;
    }
}
