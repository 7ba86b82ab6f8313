using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FinSight.Core.Access;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FinSight.Dashboard.Access;

/// <summary>A user as admins see them.</summary>
public sealed record UserInfo(string Id, string Email, string Role, bool Disabled, long CreationTime, long? LastSignInTime, long? LockedUntil);

/// <summary>What an admin may change about a user; null leaves a part as it is.</summary>
public sealed record UserChange(string? Role = null, bool? Disabled = null, string? Password = null);

/// <summary>
/// Admin operations on users (page and <c>/api/v1/admin/users</c>): list, create, change role, disable and
/// enable, reset password. Every change is audited; changes that would leave no enabled admin are refused.
/// Changing a role, disabling or resetting a password ends the user's sessions (security stamp) and drops
/// cached key lookups, so the change holds on their next request. Each operation works in its own scope (its own
/// UserManager and database context): a page keeps this service for as long as it is open, and a context that long
/// would answer with users as they were when it first read them, not as another admin has since changed them.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, IDbContextFactory<FinSightDbContext> contexts,
    ApiKeyService keys, AuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<UserInfo>> ListAsync(ClaimsPrincipal caller, string? search, CancellationToken cancellationToken = default)
    {
        ExperimentAccess.RequireAdmin(caller);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var normalized = search.Trim().ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(normalized));
        }
        var rows = await query.OrderBy(u => u.NormalizedEmail).ToListAsync(cancellationToken);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var roleOf = roles.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.First().Name ?? Roles.Viewer);
        return rows.Select(u => ToInfo(u, roleOf.GetValueOrDefault(u.Id, Roles.Viewer))).ToList();
    }

    public async Task<UserInfo> GetAsync(ClaimsPrincipal caller, string userId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<FinSightUser>>();
        ExperimentAccess.RequireAdmin(caller);
        var user = await FindAsync(users, userId);
        return ToInfo(user, await RoleOfAsync(users, user));
    }

    public async Task<UserInfo> CreateAsync(ClaimsPrincipal caller, string? email, string? password, string? role, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<FinSightUser>>();
        ExperimentAccess.RequireAdmin(caller);
        var checkedEmail = CheckEmail(email);
        var checkedRole = CheckRole(role);
        if (string.IsNullOrEmpty(password)) throw TrackingException.Invalid("password is required.");
        if (await users.FindByEmailAsync(checkedEmail) is not null)
            throw TrackingException.Conflict($"A user with email '{checkedEmail}' already exists.");
        var user = new FinSightUser { UserName = checkedEmail, Email = checkedEmail, EmailConfirmed = true, CreationTime = time.GetUtcNow().ToUnixTimeMilliseconds() };
        Check(await users.CreateAsync(user, password), "password");
        Check(await users.AddToRoleAsync(user, checkedRole), "role");
        await audit.RecordAsync(caller, AuditActions.UserCreated, checkedEmail, $"role {checkedRole}", cancellationToken);
        return ToInfo(user, checkedRole);
    }

    public async Task<UserInfo> UpdateAsync(ClaimsPrincipal caller, string? userId, UserChange change, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<FinSightUser>>();
        ExperimentAccess.RequireAdmin(caller);
        var user = await FindAsync(users, userId);
        var role = await RoleOfAsync(users, user);
        if (change.Role is not null)
        {
            var newRole = CheckRole(change.Role);
            if (newRole != role)
            {
                if (role == Roles.Admin) await RequireAnotherAdminAsync(users, user, "change the role of");
                Check(await users.RemoveFromRoleAsync(user, role), "role");
                Check(await users.AddToRoleAsync(user, newRole), "role");
                await EndSessionsAsync(users, user);
                await audit.RecordAsync(caller, AuditActions.RoleChanged, user.Email, $"{role} → {newRole}", cancellationToken);
                role = newRole;
            }
        }
        if (change.Disabled is { } disabled && disabled != user.IsDisabled)
        {
            if (disabled && user.Id == caller.UserId()) throw TrackingException.Invalid("You cannot disable your own account.");
            if (disabled && role == Roles.Admin) await RequireAnotherAdminAsync(users, user, "disable");
            user.IsDisabled = disabled;
            Check(await users.UpdateAsync(user), "disabled");
            await EndSessionsAsync(users, user);
            await audit.RecordAsync(caller, disabled ? AuditActions.UserDisabled : AuditActions.UserEnabled, user.Email, null, cancellationToken);
        }
        if (change.Password is { } password)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            Check(await users.ResetPasswordAsync(user, token, password), "password");
            // A reset is how a locked-out user gets back in.
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            await EndSessionsAsync(users, user);
            await audit.RecordAsync(caller, AuditActions.PasswordReset, user.Email, null, cancellationToken);
        }
        return ToInfo(user, role);
    }

    /// <summary>The signed-in user changes their own password (the current one is required).</summary>
    public async Task ChangeOwnPasswordAsync(ClaimsPrincipal caller, string? current, string? next, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<FinSightUser>>();
        var user = await FindAsync(users, caller.UserId());
        if (string.IsNullOrEmpty(current)) throw TrackingException.Invalid("Enter your current password.");
        if (string.IsNullOrEmpty(next)) throw TrackingException.Invalid("Enter a new password.");
        var result = await users.ChangePasswordAsync(user, current, next);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            throw TrackingException.Invalid("The current password is wrong.");
        Check(result, "new password");
        await audit.RecordAsync(caller, AuditActions.PasswordChanged, user.Email, null, cancellationToken);
    }

    private async Task EndSessionsAsync(UserManager<FinSightUser> users, FinSightUser user)
    {
        await users.UpdateSecurityStampAsync(user);
        keys.Forget();
    }

    private static async Task RequireAnotherAdminAsync(UserManager<FinSightUser> users, FinSightUser user, string what)
    {
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        if (!admins.Any(a => a.Id != user.Id && !a.IsDisabled))
            throw TrackingException.Invalid($"You cannot {what} {user.Email}: they are the only enabled admin. Make another user an admin first.");
    }

    private static async Task<FinSightUser> FindAsync(UserManager<FinSightUser> users, string? userId) =>
        (string.IsNullOrWhiteSpace(userId) ? null : await users.FindByIdAsync(userId))
        ?? throw TrackingException.NotFound($"User '{userId}' does not exist.");

    private static async Task<string> RoleOfAsync(UserManager<FinSightUser> users, FinSightUser user) => Roles.Normalize((await users.GetRolesAsync(user)).FirstOrDefault()) ?? Roles.Viewer;

    private UserInfo ToInfo(FinSightUser user, string role) =>
        new(user.Id, user.Email ?? "", role, user.IsDisabled, user.CreationTime, user.LastSignInTime,
            user.LockoutEnd is { } end && end > time.GetUtcNow() ? end.ToUnixTimeMilliseconds() : null);

    public static string CheckEmail(string? email)
    {
        var trimmed = email?.Trim();
        if (string.IsNullOrEmpty(trimmed)) throw TrackingException.Invalid("email is required.");
        if (trimmed.Length > 256 || !new EmailAddressAttribute().IsValid(trimmed) || !trimmed.Contains('.', StringComparison.Ordinal))
            throw TrackingException.Invalid($"email '{trimmed}' is not an email address.");
        return trimmed;
    }

    private static string CheckRole(string? role) =>
        Roles.Normalize(role) ?? throw TrackingException.Invalid($"role '{role}' is not a role; use {string.Join(", ", Roles.All)}.");

    private static void Check(IdentityResult result, string field)
    {
        if (!result.Succeeded)
            throw TrackingException.Invalid($"{field}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}
