using Microsoft.AspNetCore.Identity;

namespace FinSight.Dashboard.Data.Entities;

/// <summary>A person who signs in (Identity's user, in the tracking database), with FinSight's own account state.</summary>
public sealed class FinSightUser : IdentityUser
{
    /// <summary>A disabled user can neither sign in nor use their keys; their data and history stay.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>Epoch milliseconds.</summary>
    public long CreationTime { get; set; }

    /// <summary>Epoch milliseconds of the last successful sign-in (page or token), if any.</summary>
    public long? LastSignInTime { get; set; }
}
