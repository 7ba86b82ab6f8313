using System.Net;
using System.Net.Http.Json;
using FinSight.Core.Access;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Apis;
using Xunit;
using static FinSight.Tests.Integration.AccessTestUsers;

namespace FinSight.Tests.Integration;

/// <summary>
/// <c>POST /api/v1/auth/token</c>: a password exchanged for a key that expires after Auth:TokenLifetime; wrong
/// passwords and the lockout that follows them (one counter with the sign-in page); the audit trail of it all.
/// </summary>
public sealed class AuthTokenTests : IAsyncDisposable
{
    private readonly List<FinSightServer> _servers = [];

    private async Task<FinSightServer> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var server = await FinSightServer.StartAsync(settings);
        _servers.Add(server);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers) await server.DisposeAsync();
    }

    private static async Task<HttpResponseMessage> RequestTokenAsync(FinSightServer server, string email, string password, string? name = null)
    {
        using var http = server.CreateHttpClient(null);
        return await http.PostAsync("api/v1/auth/token", Json(new { email, password, name }));
    }

    private static async Task<List<AuditEvent>> AuditAsync(FinSightServer server, string query) =>
        await server.GetJsonAsync<List<AuditEvent>>($"api/v1/admin/audit?{query}");

    private static async Task<UserInfo> UserAsync(FinSightServer server, string email) =>
        (await server.GetJsonAsync<List<UserInfo>>($"api/v1/admin/users?search={Uri.EscapeDataString(email)}")).Single(u => u.Email == email);

    [Fact]
    public async Task Token_RightPassword_KeyThatWorksAndExpiresAfterTheTokenLifetime()
    {
        var server = await StartAsync(new() { ["Auth:TokenLifetime"] = "02:00:00" });
        var user = await CreateAsync(server, Roles.Researcher);
        var before = DateTimeOffset.UtcNow;

        using var response = await RequestTokenAsync(server, user.Email, user.Password, "laptop");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>(FinSightServer.Json))!;
        Assert.StartsWith(ApiKeySecrets.Marker, token.Secret);
        Assert.InRange(token.ExpiresAt!.Value, (before + TimeSpan.FromHours(2)).ToUnixTimeMilliseconds(), (DateTimeOffset.UtcNow + TimeSpan.FromHours(2)).ToUnixTimeMilliseconds());
        using var http = server.CreateHttpClient(token.Secret);
        var keys = await http.GetFromJsonAsync<List<ApiKeyInfo>>("api/v1/api-keys", FinSightServer.Json);
        var listed = Assert.Single(keys!, k => k.Id == token.Id);
        Assert.Equal(("laptop", user.Id, token.ExpiresAt, "active"), (listed.Name, listed.UserId, listed.ExpiresAt, listed.Status));
        // It acts as the user: their role still applies.
        using var create = await http.PostAsync("api/v1/experiments", Json(new { name = "from-token" }));
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
    }

    [Fact]
    public async Task Token_ShortLifetime_RefusedOnceItHasExpired()
    {
        var server = await StartAsync(new() { ["Auth:TokenLifetime"] = "00:00:02" });
        var user = await CreateAsync(server, Roles.Viewer);
        using var response = await RequestTokenAsync(server, user.Email, user.Password);
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>(FinSightServer.Json))!;
        using var http = server.CreateHttpClient(token.Secret);
        using (var fresh = await http.GetAsync("api/v1/experiments"))
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);

        var wait = DateTimeOffset.FromUnixTimeMilliseconds(token.ExpiresAt!.Value) - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(250);
        if (wait > TimeSpan.Zero) await Task.Delay(wait);

        using var expired = await http.GetAsync("api/v1/experiments");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains($"The API key {token.Id} expired at", await DetailAsync(expired));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Token_WrongPasswordOrUnknownEmail_401WithTheSameMessage(bool knownEmail)
    {
        var server = await StartAsync();
        var user = await CreateAsync(server, Roles.Researcher);

        using var response = await RequestTokenAsync(server, knownEmail ? user.Email : "nobody@finsight.test", "not the password");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("The email or password is wrong.", await DetailAsync(response));
        // A request without a password is malformed, not a failed sign-in (it does not count towards the lockout).
        using var empty = await RequestTokenAsync(server, user.Email, "");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("email and password are required", await DetailAsync(empty));
    }

    [Fact]
    public async Task Token_FiveWrongPasswords_AccountLockedEvenForTheRightOne()
    {
        var server = await StartAsync();
        var user = await CreateAsync(server, Roles.Researcher);
        var details = new List<string>();
        var before = DateTimeOffset.UtcNow;

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await RequestTokenAsync(server, user.Email, $"wrong {attempt}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            details.Add(await DetailAsync(wrong));
        }

        Assert.All(details[..2], d => Assert.Equal("The email or password is wrong.", d));
        Assert.Equal("The email or password is wrong. 2 more wrong tries lock the account.", details[2]);
        Assert.Equal("The email or password is wrong. 1 more wrong try locks the account.", details[3]);
        Assert.Contains("the account is locked until", details[4]);
        using var right = await RequestTokenAsync(server, user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        var detail = await DetailAsync(right);
        var lockedUntil = (await UserAsync(server, user.Email)).LockedUntil!.Value;
        Assert.Contains($"the account is locked until {DateTimeOffset.FromUnixTimeMilliseconds(lockedUntil).UtcDateTime:HH:mm} UTC", detail);
        Assert.InRange(lockedUntil, (before + TimeSpan.FromMinutes(15)).ToUnixTimeMilliseconds() - 1000, (DateTimeOffset.UtcNow + TimeSpan.FromMinutes(15)).ToUnixTimeMilliseconds() + 1000);
    }

    [Fact]
    public async Task Lockout_Configurable_ThreeAttemptsAndOneMinute()
    {
        var server = await StartAsync(new() { ["Auth:MaxFailedAccessAttempts"] = "3", ["Auth:LockoutDuration"] = "00:01:00" });
        var user = await CreateAsync(server, Roles.Viewer);
        var before = DateTimeOffset.UtcNow;

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            using var wrong = await RequestTokenAsync(server, user.Email, "wrong");
            Assert.DoesNotContain("locked until", await DetailAsync(wrong));
        }
        using var third = await RequestTokenAsync(server, user.Email, "wrong");

        Assert.Contains("the account is locked until", await DetailAsync(third));
        using var right = await RequestTokenAsync(server, user.Email, user.Password);
        Assert.Contains("locked until", await DetailAsync(right));
        var lockedUntil = (await UserAsync(server, user.Email)).LockedUntil!.Value;
        Assert.InRange(lockedUntil, (before + TimeSpan.FromMinutes(1)).ToUnixTimeMilliseconds() - 1000, (DateTimeOffset.UtcNow + TimeSpan.FromMinutes(1)).ToUnixTimeMilliseconds() + 1000);
    }

    [Fact]
    public async Task Lockout_OneCounterForTheSignInPageAndTheTokenEndpoint()
    {
        var server = await StartAsync(new() { ["Auth:MaxFailedAccessAttempts"] = "3" });
        var user = await CreateAsync(server, Roles.Researcher);
        using var browser = CookieClient(server);

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            using var page = await PostSignInFormAsync(browser, user.Email, "wrong");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("The email or password is wrong.", await page.Content.ReadAsStringAsync());
        }
        using var third = await RequestTokenAsync(server, user.Email, "wrong");

        Assert.Contains("locked until", await DetailAsync(third));
        using var form = await PostSignInFormAsync(browser, user.Email, user.Password);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode); // no redirect: not signed in
        Assert.Contains("locked until", await form.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Audit_RecordsSignInFailuresLockoutAndTokens_WithTheCallersAddress()
    {
        var server = await StartAsync(new() { ["Auth:MaxFailedAccessAttempts"] = "2" });
        var user = await CreateAsync(server, Roles.Researcher);
        var locked = await CreateAsync(server, Roles.Researcher);

        using var ok = await RequestTokenAsync(server, user.Email, user.Password, "audited");
        var token = (await ok.Content.ReadFromJsonAsync<TokenResponse>(FinSightServer.Json))!;
        (await RequestTokenAsync(server, locked.Email, "wrong")).Dispose();
        (await RequestTokenAsync(server, locked.Email, "wrong")).Dispose();

        var mine = await AuditAsync(server, $"actor={Uri.EscapeDataString(user.Email)}");
        var theirs = await AuditAsync(server, $"actor={Uri.EscapeDataString(locked.Email)}");
        Assert.Equal([AuditActions.TokenIssued, AuditActions.SignIn], mine.Select(e => e.Action));
        Assert.Equal(token.Id, mine[0].Target);
        Assert.Contains("'audited'", mine[0].Detail);
        Assert.Equal("token endpoint", mine[1].Detail);
        Assert.Equal([AuditActions.LockedOut, AuditActions.SignInFailed], theirs.Select(e => e.Action));
        Assert.Contains("wrong password", theirs[1].Detail);
        Assert.StartsWith("until ", theirs[0].Detail);
        Assert.All(mine.Concat(theirs), e => Assert.Equal("127.0.0.1", e.Address));
        // Filtering by action finds them too.
        Assert.Contains(await AuditAsync(server, $"action={AuditActions.LockedOut}"), e => e.Actor == locked.Email);
        Assert.Contains(await AuditAsync(server, $"action={AuditActions.TokenIssued}"), e => e.Actor == user.Email);
    }

    [Fact]
    public async Task Token_EmailOrPasswordMissing_400NamingBoth()
    {
        var server = await StartAsync();
        using var http = server.CreateHttpClient(null);

        using var response = await http.PostAsync("api/v1/auth/token", Json(new { email = FinSightServer.AdminEmail }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("email and password are required", await DetailAsync(response));
    }

    [Fact]
    public async Task DisabledAccount_WrongPasswordsCountTowardsLockout()
    {
        // Otherwise a disabled account could be guessed at without limit, its password waiting for the day it is re-enabled.
        var server = await StartAsync();
        var user = await CreateAsync(server, Roles.Researcher);
        using var admin = server.CreateHttpClient();
        using (var disable = await admin.PatchAsync($"api/v1/admin/users/{user.Id}", Json(new { disabled = true })))
            Assert.Equal(HttpStatusCode.OK, disable.StatusCode);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var wrong = await RequestTokenAsync(server, user.Email, "not the password");
            Assert.Equal("The email or password is wrong.", await DetailAsync(wrong));
        }
        using var fifth = await RequestTokenAsync(server, user.Email, "not the password");
        using var right = await RequestTokenAsync(server, user.Email, user.Password);

        Assert.Contains("the account is locked until", await DetailAsync(fifth));
        Assert.Contains("the account is locked until", await DetailAsync(right));
        Assert.NotNull((await UserAsync(server, user.Email)).LockedUntil);
    }

    [Fact]
    public async Task ExpiringKey_CannotCreateAKeyThatOutlivesIt()
    {
        var server = await StartAsync();
        var user = await CreateAsync(server, Roles.Researcher);
        using var tokenResponse = await RequestTokenAsync(server, user.Email, user.Password);
        var token = (await tokenResponse.Content.ReadFromJsonAsync<TokenResponse>(FinSightServer.Json))!;
        using var http = server.CreateHttpClient(token.Secret);

        using var forever = await http.PostAsync("api/v1/api-keys", Json(new { name = "forever" }));
        using var later = await http.PostAsync("api/v1/api-keys", Json(new { name = "later", expiresAt = token.ExpiresAt + 60_000 }));
        using var sooner = await http.PostAsync("api/v1/api-keys", Json(new { name = "sooner", expiresAt = token.ExpiresAt - 60_000 }));

        Assert.Equal(HttpStatusCode.BadRequest, forever.StatusCode);
        Assert.Contains("expiresAt must be at or before", await DetailAsync(forever));
        Assert.Equal(HttpStatusCode.BadRequest, later.StatusCode);
        Assert.Equal(HttpStatusCode.Created, sooner.StatusCode);
        // A key that never expires (the bootstrap admin's) may still create one that never expires.
        using var admin = server.CreateHttpClient();
        using (var adminForever = await admin.PostAsync("api/v1/api-keys", Json(new { name = "automation" })))
            Assert.Equal(HttpStatusCode.Created, adminForever.StatusCode);
    }
}
