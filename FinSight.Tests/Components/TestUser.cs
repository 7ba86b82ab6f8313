using System.Security.Claims;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Data.Entities;
using FinSight.Tests.Integration;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace FinSight.Tests.Components;

/// <summary>A user created through the server's own administration service, and the principal they sign in as.</summary>
public sealed record TestUser(UserInfo Info, ClaimsPrincipal Principal)
{
    public const string Password = "correct-horse-battery";

    public string Id => Info.Id;

    public string Email => Info.Email;

    /// <summary>
    /// Creates the user as the server's admin would, and builds their principal with Identity's own claims factory (the
    /// one the sign-in cookie and API keys use), so pages see exactly the claims a signed-in user of that role has.
    /// </summary>
    public static async Task<TestUser> CreateAsync(FinSightServer server, string email, string role)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var info = await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateAsync(server.Admin, email, Password, role);
        return new TestUser(info, await PrincipalOfAsync(server, info.Id));
    }

    /// <summary>The user's principal as it is now (after a role change, say).</summary>
    public static async Task<ClaimsPrincipal> PrincipalOfAsync(FinSightServer server, string userId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<FinSightUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException($"No user {userId}.");
        return await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<FinSightUser>>().CreateAsync(user);
    }
}
