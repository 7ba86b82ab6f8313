using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FinSight.Core.Access;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Data.Entities;
using Microsoft.AspNetCore.Identity;
using FinSight.Dashboard.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FinSight.Tests.Integration;

/// <summary>A user made for a test: their password, their own API key, and the principal that key stands for.</summary>
public sealed record TestUser(string Id, string Email, string Password, string Role, string Key, ClaimsPrincipal Principal);

/// <summary>
/// Users of each kind, made through the real services an admin uses (user administration, permission
/// administration, the key service), so tests start from the same state the pages and API would leave.
/// </summary>
public static partial class AccessTestUsers
{
    public const string Password = "correct horse battery staple";

    /// <summary>
    /// A user with <paramref name="role"/>. With <paramref name="withKey"/>, they also get a key of their own (never
    /// expiring) and the principal is the one that key stands for; without, no key exists (for tests that count a
    /// user's keys) and the principal comes from Identity's claims factory, as a sign-in cookie's does.
    /// </summary>
    public static async Task<TestUser> CreateAsync(FinSightServer server, string role, string? email = null, bool withKey = true)
    {
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..24] + "@finsight.test";
        UserInfo info;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            info = await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateAsync(server.Admin, email, Password, role);
        }
        if (!withKey) return new TestUser(info.Id, info.Email, Password, role, Key: "", await PrincipalOfAsync(server, info.Id));
        var keys = server.Services.GetRequiredService<ApiKeyService>();
        var key = await keys.CreateForUserAsync(info.Id, $"{role} test key", expiresAt: null, secret: null);
        var principal = (await keys.AuthenticateAsync(key.Secret)).Caller ?? throw new InvalidOperationException($"The new key of {email} was refused.");
        return new TestUser(info.Id, info.Email, Password, role, key.Secret, principal);
    }

    /// <summary>The user's principal as a sign-in cookie would carry it now (after a role change, say).</summary>
    public static async Task<ClaimsPrincipal> PrincipalOfAsync(FinSightServer server, string userId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<FinSightUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException($"No user {userId}.");
        return await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<FinSightUser>>().CreateAsync(user);
    }

    /// <summary>Sets <paramref name="user"/>'s explicit level on an experiment, as an admin would.</summary>
    public static Task GrantAsync(FinSightServer server, string experimentId, TestUser user, PermissionLevel level) =>
        server.Services.GetRequiredService<PermissionAdministration>().SetAsync(server.Admin, experimentId, user.Email, level.ToWire());

    /// <summary>A new experiment created by the admin; returns its id.</summary>
    public static async Task<string> CreateExperimentAsync(FinSightServer server, string name) =>
        (await server.Services.GetRequiredService<IngestionService>().CreateExperimentAsync(server.Admin, name, null)).ExperimentId;

    /// <summary>The problem document of a refused request (asserting it is one).</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The problem document's detail; on the MLflow routes, the message of MLflow's error body.</summary>
    public static async Task<string> DetailAsync(HttpResponseMessage response)
    {
        if (response.RequestMessage?.RequestUri?.AbsolutePath.StartsWith("/api/2.0/", StringComparison.Ordinal) == true)
        {
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            var error = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(error.TryGetProperty("error_code", out _), $"not MLflow's error body: {error}");
            return error.GetProperty("message").GetString() ?? "";
        }
        return (await ProblemAsync(response)).GetProperty("detail").GetString() ?? "";
    }

    public static StringContent Json(object body) => new(JsonSerializer.Serialize(body, FinSightServer.Json), Encoding.UTF8, "application/json");

    /// <summary>
    /// An HTTP client that signs in on the sign-in page as a browser does: it reads the form's antiforgery token,
    /// posts the form with it, and keeps the cookies. Redirects are not followed, so tests see them.
    /// </summary>
    /// <param name="cookies">Where the sign-in cookie is kept (for a hub connection to send it too); a new jar when null.</param>
    public static async Task<HttpClient> SignInWithCookieAsync(FinSightServer server, string email, string password, CookieContainer? cookies = null)
    {
        var http = CookieClient(server, cookies);
        using var response = await PostSignInFormAsync(http, email, password);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Signing in as {email} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
        return http;
    }

    /// <summary>Fills in and posts the sign-in form with <paramref name="http"/> (a <see cref="CookieClient"/>), as a browser does.</summary>
    public static async Task<HttpResponseMessage> PostSignInFormAsync(HttpClient http, string email, string password)
    {
        var form = await http.GetStringAsync("signin");
        var token = AntiforgeryToken().Match(form);
        Assert.True(token.Success, "The sign-in page carries an antiforgery token.");
        return await http.PostAsync("signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>A client with a cookie jar and no credentials, not following redirects.</summary>
    public static HttpClient CookieClient(FinSightServer server, CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = server.Address };

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
