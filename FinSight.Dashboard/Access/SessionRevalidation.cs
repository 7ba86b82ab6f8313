using System.Security.Claims;
using FinSight.Dashboard.Configuration;
using FinSight.Dashboard.Data.Entities;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FinSight.Dashboard.Access;

/// <summary>
/// An open dashboard keeps the user it started with; this re-checks them every Auth:SessionRevalidationInterval,
/// so a user who is disabled, has their role changed or their password reset loses their open pages too.
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<AuthOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => options.Value.SessionRevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<FinSightUser>>();
        var identity = scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value;
        return await IsStillValidAsync(authenticationState.User, users, identity);
    }

    /// <summary>Whether a signed-in (cookie) principal's user still exists, is enabled and has the security stamp it signed in with.</summary>
    private static async Task<bool> IsStillValidAsync(ClaimsPrincipal principal, UserManager<FinSightUser> users, IdentityOptions identity)
    {
        if (await users.GetUserAsync(principal) is not { IsDisabled: false } user) return false;
        if (!users.SupportsUserSecurityStamp) return true;
        return principal.FindFirstValue(identity.ClaimsIdentity.SecurityStampClaimType) == await users.GetSecurityStampAsync(user);
    }
}
