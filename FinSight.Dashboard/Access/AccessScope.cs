using FinSight.Core.Access;
using FinSight.Dashboard.Data.Entities;

namespace FinSight.Dashboard.Access;

/// <summary>
/// Which experiments a caller may see, as a filter that runs inside the database query, so a hidden
/// experiment never reaches a list, a count, a search result or a ranking (MLflow issue #12546).
/// </summary>
public sealed class AccessScope
{
    private readonly long[] _hidden;
    private readonly long[] _granted;

    private AccessScope(bool all, bool visibleByDefault, long[] hidden, long[] granted)
    {
        All = all;
        VisibleByDefault = visibleByDefault;
        _hidden = hidden;
        _granted = granted;
    }

    /// <summary>Admins: every experiment.</summary>
    public bool All { get; }

    /// <summary>True when experiments without an explicit permission are visible (default level READ or above).</summary>
    public bool VisibleByDefault { get; }

    public static AccessScope Everything { get; } = new(true, true, [], []);

    public static AccessScope Nothing { get; } = new(false, false, [], []);

    public static AccessScope For(PermissionLevel defaultLevel, IReadOnlyDictionary<long, PermissionLevel> explicitLevels) =>
        new(false, defaultLevel >= PermissionLevel.Read,
            explicitLevels.Where(p => p.Value == PermissionLevel.NoPermissions).Select(p => p.Key).ToArray(),
            explicitLevels.Where(p => p.Value >= PermissionLevel.Read).Select(p => p.Key).ToArray());

    public bool CanSee(long experimentId) =>
        All || (VisibleByDefault ? !_hidden.Contains(experimentId) : _granted.Contains(experimentId));

    public IQueryable<ExperimentEntity> Apply(IQueryable<ExperimentEntity> experiments)
    {
        if (All) return experiments;
        var hidden = _hidden;
        var granted = _granted;
        return VisibleByDefault ? experiments.Where(e => !hidden.Contains(e.Id)) : experiments.Where(e => granted.Contains(e.Id));
    }

    public IQueryable<RunEntity> Apply(IQueryable<RunEntity> runs)
    {
        if (All) return runs;
        var hidden = _hidden;
        var granted = _granted;
        return VisibleByDefault ? runs.Where(r => !hidden.Contains(r.ExperimentId)) : runs.Where(r => granted.Contains(r.ExperimentId));
    }
}
