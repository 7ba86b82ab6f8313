namespace FinSight.Core.Access;

/// <summary>
/// What a user may do with one experiment (MLflow's levels). Ordered: each level includes the ones below it.
/// </summary>
public enum PermissionLevel
{
    /// <summary>The experiment is hidden from the user everywhere.</summary>
    NoPermissions = 0,
    /// <summary>See the experiment, its runs and their data.</summary>
    Read = 1,
    /// <summary>Also log runs, edit notes, rename, choose metric directions.</summary>
    Edit = 2,
    /// <summary>Also delete and restore the experiment and share it (change others' levels).</summary>
    Manage = 3,
}

/// <summary>The wire names (READ, EDIT, MANAGE, NO_PERMISSIONS) used by the API and configuration.</summary>
public static class PermissionLevels
{
    /// <summary>Every level, in the order the pages offer them.</summary>
    public static readonly IReadOnlyList<PermissionLevel> All =
        [PermissionLevel.Read, PermissionLevel.Edit, PermissionLevel.Manage, PermissionLevel.NoPermissions];

    /// <summary>The level's wire name.</summary>
    public static string ToWire(this PermissionLevel level) => level switch
    {
        PermissionLevel.Read => "READ",
        PermissionLevel.Edit => "EDIT",
        PermissionLevel.Manage => "MANAGE",
        _ => "NO_PERMISSIONS",
    };

    /// <summary>Reads a wire name (case-insensitive).</summary>
    public static bool TryParse(string? text, out PermissionLevel level)
    {
        level = PermissionLevel.NoPermissions;
        switch (text?.Trim().ToUpperInvariant())
        {
            case "READ": level = PermissionLevel.Read; return true;
            case "EDIT": level = PermissionLevel.Edit; return true;
            case "MANAGE": level = PermissionLevel.Manage; return true;
            case "NO_PERMISSIONS": level = PermissionLevel.NoPermissions; return true;
            default: return false;
        }
    }

    /// <summary>The accepted names, for error messages.</summary>
    public const string Expected = "READ, EDIT, MANAGE or NO_PERMISSIONS";
}
