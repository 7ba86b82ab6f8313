using FinSight.Core.Access;

namespace FinSight.Dashboard.Configuration;

/// <summary>Accounts, permissions and keys (section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>The level of users with no explicit permission on an experiment: READ, EDIT, MANAGE or NO_PERMISSIONS.</summary>
    public string DefaultPermission { get; set; } = "READ";

    /// <summary>Wrong passwords in a row (sign-in page or token endpoint) before the account is locked.</summary>
    public int MaxFailedAccessAttempts { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Lifetime of keys issued by <c>POST /api/v1/auth/token</c> (command-line sign-in).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How often an open dashboard re-checks that its user still exists, is enabled and has not had their
    /// password reset or role changed; a disabled user's open pages stop within this time.
    /// </summary>
    public TimeSpan SessionRevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>When set (environment <c>FinSight__Auth__BootstrapApiKey</c>), an admin key with exactly this secret exists after start.</summary>
    public string? BootstrapApiKey { get; set; }

    /// <summary>The parsed <see cref="DefaultPermission"/> (validated at start).</summary>
    public PermissionLevel DefaultLevel => PermissionLevels.TryParse(DefaultPermission, out var level) ? level : PermissionLevel.NoPermissions;

    /// <summary>Shortest bootstrap key accepted: anything shorter could be guessed.</summary>
    public const int MinBootstrapKeyLength = 24;
}
