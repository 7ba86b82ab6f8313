using FinSight.Dashboard.Configuration;
using FinSight.Dashboard.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FinSight.Dashboard.Access;

/// <summary>The result of a password check: the user, or the message to show.</summary>
public sealed record SignInOutcome(FinSightUser? User, string? Failure)
{
    public bool Succeeded => User is not null;
}

/// <summary>
/// Password sign-in for the sign-in page (sets the cookie) and the token endpoint (issues a key): one set of
/// rules, one lockout counter, one audit trail, whichever door is used.
/// </summary>
public sealed class AccountSignIn(SignInManager<FinSightUser> signIn, UserManager<FinSightUser> users, AuditLog audit,
    ApiKeyService keys, IOptions<AuthOptions> options, TimeProvider time)
{
    private const string Wrong = "The email or password is wrong.";

    /// <param name="setCookie">True for the sign-in page; false checks the password only (token endpoint).</param>
    public async Task<SignInOutcome> PasswordAsync(string? email, string? password, bool setCookie, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
            return new SignInOutcome(null, "Enter your email and password.");
        var door = setCookie ? "sign-in page" : "token endpoint";
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            // Hash anyway: answering an unknown email faster than a known one would tell which emails have accounts.
            users.PasswordHasher.VerifyHashedPassword(Nobody, DummyHash.Value, password);
            await audit.RecordAsync(null, email.Trim(), AuditActions.SignInFailed, email.Trim(), $"unknown email ({door})", cancellationToken);
            return new SignInOutcome(null, Wrong);
        }
        if (user.IsDisabled)
        {
            // Only someone who knows the password learns that the account is disabled: anyone else gets the answer an
            // unknown email gets, so trying addresses does not tell which have (disabled) accounts. Wrong guesses count
            // towards the lockout as on an enabled account, so a disabled account cannot be guessed at without limit.
            var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
            await audit.RecordAsync(user.Id, user.Email!, AuditActions.SignInFailed, user.Email,
                $"account disabled{(check.Succeeded ? "" : ", wrong password")} ({door})", cancellationToken);
            if (check.Succeeded) return new SignInOutcome(null, "This account is disabled; ask an admin.");
            return new SignInOutcome(null, check.IsLockedOut ? LockedMessage(await LockoutEndAsync(user)) : Wrong);
        }
        var result = setCookie
            ? await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true)
            : await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            user.LastSignInTime = time.GetUtcNow().ToUnixTimeMilliseconds();
            await users.UpdateAsync(user);
            await audit.RecordAsync(user.Id, user.Email!, AuditActions.SignIn, user.Email, door, cancellationToken);
            return new SignInOutcome(user, null);
        }
        if (result.IsLockedOut)
        {
            var until = await LockoutEndAsync(user);
            await audit.RecordAsync(user.Id, user.Email!, AuditActions.LockedOut, user.Email, $"until {until.UtcDateTime:yyyy-MM-dd HH:mm} UTC ({door})", cancellationToken);
            return new SignInOutcome(null, LockedMessage(until));
        }
        if (result.IsNotAllowed) return new SignInOutcome(null, "This account may not sign in; ask an admin.");
        await audit.RecordAsync(user.Id, user.Email!, AuditActions.SignInFailed, user.Email, $"wrong password ({door})", cancellationToken);
        var left = options.Value.MaxFailedAccessAttempts - await users.GetAccessFailedCountAsync(user);
        return new SignInOutcome(null, left is > 0 and <= 2 ? $"{Wrong} {left} more wrong {(left == 1 ? "try locks" : "tries lock")} the account." : Wrong);
    }

    private async Task<DateTimeOffset> LockoutEndAsync(FinSightUser user) =>
        await users.GetLockoutEndDateAsync(user) ?? time.GetUtcNow() + options.Value.LockoutDuration;

    private static string LockedMessage(DateTimeOffset until) =>
        $"Too many wrong passwords: the account is locked until {until.UtcDateTime:HH:mm} UTC. Try again then, or ask an admin to reset your password.";

    private static readonly FinSightUser Nobody = new();
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<FinSightUser>().HashPassword(Nobody, "no account has this password"));

    /// <summary><c>POST /api/v1/auth/token</c>: a password exchanged for a key that expires (Auth:TokenLifetime).</summary>
    public async Task<(CreatedApiKey? Key, string? Failure)> IssueTokenAsync(string? email, string? password, string? name, CancellationToken cancellationToken = default)
    {
        var outcome = await PasswordAsync(email, password, setCookie: false, cancellationToken);
        if (outcome.User is not { } user) return (null, outcome.Failure);
        var keyName = string.IsNullOrWhiteSpace(name) ? "command-line sign-in" : name.Trim();
        if (keyName.Length > ApiKeyService.MaxNameLength) keyName = keyName[..ApiKeyService.MaxNameLength];
        var expires = (time.GetUtcNow() + options.Value.TokenLifetime).ToUnixTimeMilliseconds();
        var key = await keys.CreateForUserAsync(user.Id, keyName, expires, secret: null, cancellationToken);
        await audit.RecordAsync(user.Id, user.Email!, AuditActions.TokenIssued, key.Id, $"name '{key.Name}', expires {ApiKeyService.Iso(expires)}", cancellationToken);
        return (key, null);
    }

    public async Task SignOutAsync(System.Security.Claims.ClaimsPrincipal caller)
    {
        await signIn.SignOutAsync();
        if (caller.Identity?.IsAuthenticated == true) await audit.RecordAsync(caller, AuditActions.SignOut, caller.Email());
    }
}
