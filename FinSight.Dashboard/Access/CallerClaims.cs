using System.Security.Claims;
using FinSight.Core.Access;

namespace FinSight.Dashboard.Access;

/// <summary>Who is calling: the same claims whether they signed in with a password (cookie) or an API key.</summary>
public static class CallerClaims
{
    /// <summary>Present when the caller authenticated with an API key: that key's id.</summary>
    public const string ApiKeyId = "finsight:api_key_id";

    /// <summary>Present with <see cref="ApiKeyId"/> when the key expires: epoch milliseconds.</summary>
    public const string ApiKeyExpiresAt = "finsight:api_key_expires_at";

    public static string? UserId(this ClaimsPrincipal caller) =>
        caller.Identity?.IsAuthenticated == true ? caller.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    /// <summary>The caller's email (their user name), or "anonymous".</summary>
    public static string Email(this ClaimsPrincipal caller) =>
        caller.Identity?.IsAuthenticated == true ? caller.Identity.Name ?? "" : "anonymous";

    public static bool IsAdmin(this ClaimsPrincipal caller) => caller.IsInRole(Roles.Admin);

    /// <summary>Admins and researchers create experiments; viewers never write.</summary>
    public static bool CanCreateExperiments(this ClaimsPrincipal caller) => caller.IsInRole(Roles.Admin) || caller.IsInRole(Roles.Researcher);

    /// <summary>The caller's one role (Admin, Researcher or Viewer), or null when anonymous.</summary>
    public static string? Role(this ClaimsPrincipal caller) => Roles.All.FirstOrDefault(caller.IsInRole);

    public static string? KeyId(this ClaimsPrincipal caller) => caller.FindFirstValue(ApiKeyId);
}
