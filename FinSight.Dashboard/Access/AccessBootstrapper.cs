using System.Security.Cryptography;
using FinSight.Core.Access;
using FinSight.Dashboard.Configuration;
using FinSight.Dashboard.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FinSight.Dashboard.Access;

/// <summary>
/// First start: the three roles, an admin when there is none (from FINSIGHT_ADMIN_EMAIL / FINSIGHT_ADMIN_PASSWORD,
/// or with a random password printed once to the console), and the Auth:BootstrapApiKey key when configured.
/// Runs after the database is migrated and before anything logs in.
/// </summary>
public sealed class AccessBootstrapper(IServiceScopeFactory scopes, ApiKeyService keys, IConfiguration configuration,
    IOptions<AuthOptions> options, TimeProvider time, ILogger<AccessBootstrapper> logger) : IHostedService
{
    public const string DefaultAdminEmail = "admin@finsight.local";
    public const string BootstrapKeyName = "bootstrap (Auth:BootstrapApiKey)";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<FinSightUser>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role)) Ensure(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
        }
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        var admin = admins.FirstOrDefault(a => !a.IsDisabled) ?? await CreateAdminAsync(users);
        await EnsureBootstrapKeyAsync(admin, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<FinSightUser> CreateAdminAsync(UserManager<FinSightUser> users)
    {
        var email = configuration["FINSIGHT_ADMIN_EMAIL"] is { Length: > 0 } configured ? UserAdministration.CheckEmail(configured) : DefaultAdminEmail;
        var password = configuration["FINSIGHT_ADMIN_PASSWORD"];
        var generated = string.IsNullOrEmpty(password);
        if (generated) password = RandomPassword();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new FinSightUser { UserName = email, Email = email, EmailConfirmed = true, CreationTime = time.GetUtcNow().ToUnixTimeMilliseconds() };
            Ensure(await users.CreateAsync(user, password!), "create the admin (FINSIGHT_ADMIN_PASSWORD)");
        }
        else
        {
            // The named account exists but is no (enabled) admin: make it one, with the password given or generated.
            user.IsDisabled = false;
            Ensure(await users.UpdateAsync(user), "enable the admin");
            Ensure(await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password!), "set the admin's password");
            foreach (var role in await users.GetRolesAsync(user)) await users.RemoveFromRoleAsync(user, role);
        }
        Ensure(await users.AddToRoleAsync(user, Roles.Admin), "make the admin an Admin");
        if (generated)
        {
            // Printed once, straight to the console (not the log, which may be shipped elsewhere).
            Console.WriteLine();
            Console.WriteLine("  ┌─ FinSight admin account ─────────────────────────────────────");
            Console.WriteLine($"  │ email:    {email}");
            Console.WriteLine($"  │ password: {password}");
            Console.WriteLine("  │ Shown once. Sign in, then change it on the Account page.");
            Console.WriteLine("  │ (Set FINSIGHT_ADMIN_EMAIL / FINSIGHT_ADMIN_PASSWORD to choose them.)");
            Console.WriteLine("  └──────────────────────────────────────────────────────────────");
            Console.WriteLine();
        }
        else
        {
            logger.LogInformation("Admin account {Email} created from FINSIGHT_ADMIN_EMAIL / FINSIGHT_ADMIN_PASSWORD.", email);
        }
        return user;
    }

    private async Task EnsureBootstrapKeyAsync(FinSightUser admin, CancellationToken cancellationToken)
    {
        if (options.Value.BootstrapApiKey is not { Length: > 0 } secret) return;
        var existing = await keys.FindBySecretAsync(secret, cancellationToken);
        if (existing is null)
        {
            var key = await keys.CreateForUserAsync(admin.Id, BootstrapKeyName, expiresAt: null, secret, cancellationToken);
            logger.LogInformation("Bootstrap API key {KeyId} created for {Email}.", key.Id, admin.Email);
        }
        else if (existing.RevokedAt is not null)
        {
            logger.LogWarning("Auth:BootstrapApiKey names key {KeyId}, which was revoked; it stays revoked. Remove the setting or choose a new value.", existing.Id);
        }
    }

    /// <summary>20 characters from an alphabet without look-alikes (0/O, 1/l/I).</summary>
    private static string RandomPassword()
    {
        const string alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 20);
    }

    private static void Ensure(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}
