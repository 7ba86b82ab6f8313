using System.Security.Claims;
using FinSight.Dashboard.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FinSight.Dashboard.Apis;

/// <summary><c>POST /api/v1/auth/token</c> { email, password, name? }.</summary>
public sealed record TokenRequest(string? Email, string? Password, string? Name);

/// <summary>The key issued for a password, with its expiry.</summary>
public sealed record TokenResponse(string Id, string Secret, long? ExpiresAt);

/// <summary><c>POST /api/v1/api-keys</c> { name, expiresAt? } (epoch milliseconds).</summary>
public sealed record CreateApiKeyRequest(string? Name, long? ExpiresAt);

/// <summary><c>POST /api/v1/admin/users</c> { email, password, role }.</summary>
public sealed record CreateUserRequest(string? Email, string? Password, string? Role);

/// <summary><c>PATCH /api/v1/admin/users/{userId}</c> { role?, disabled?, password? }.</summary>
public sealed record UpdateUserRequest(string? Role, bool? Disabled, string? Password);

/// <summary><c>PUT /api/v1/experiments/{experimentId}/permissions</c> { email, level }.</summary>
public sealed record SetPermissionRequest(string? Email, string? Level);

/// <summary>Accounts, keys, users, the audit log and experiment permissions (public contract v1, DESIGN.md "Access").</summary>
public static class AccessApis
{
    public static RouteGroupBuilder MapAccessApis(this RouteGroupBuilder api)
    {
        // The one anonymous endpoint: it is how a script gets a key in the first place.
        api.MapPost("/auth/token", IssueToken).AllowAnonymous();

        var keys = api.MapGroup("/api-keys");
        keys.MapGet("/", ListKeys);
        keys.MapPost("/", CreateKey);
        keys.MapDelete("/{keyId}", RevokeKey);

        var admin = api.MapGroup("/admin");
        admin.MapGet("/users", ListUsers);
        admin.MapPost("/users", CreateUser);
        admin.MapPatch("/users/{userId}", UpdateUser);
        admin.MapGet("/audit", ListAudit);

        var permissions = api.MapGroup("/experiments/{experimentId}/permissions");
        permissions.MapGet("/", ListPermissions);
        permissions.MapPut("/", SetPermission);
        permissions.MapDelete("/{userId}", RevokePermission);
        return api;
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueToken(HttpRequest request, AccountSignIn signIn, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<TokenRequest>(request, ct);
        if (string.IsNullOrWhiteSpace(body.Email) || string.IsNullOrEmpty(body.Password))
            throw FinSight.Core.Tracking.TrackingException.Invalid("email and password are required: { email, password, name? }.");
        var (key, failure) = await signIn.IssueTokenAsync(body.Email, body.Password, body.Name, ct);
        return key is null
            ? TypedResults.Problem(failure, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized")
            : TypedResults.Ok(new TokenResponse(key.Id, key.Secret, key.ExpiresAt));
    }

    /// <param name="all">Admins only: every user's keys.</param>
    public static async Task<Ok<IReadOnlyList<ApiKeyInfo>>> ListKeys(bool? all, ClaimsPrincipal caller, ApiKeyService keys, CancellationToken ct) =>
        TypedResults.Ok(await keys.ListAsync(caller, all ?? false, ct));

    public static async Task<Created<CreatedApiKey>> CreateKey(HttpRequest request, ClaimsPrincipal caller, ApiKeyService keys, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<CreateApiKeyRequest>(request, ct);
        var key = await keys.CreateAsync(caller, body.Name, body.ExpiresAt, ct);
        return TypedResults.Created($"/api/v1/api-keys/{key.Id}", key);
    }

    public static async Task<NoContent> RevokeKey(string keyId, ClaimsPrincipal caller, ApiKeyService keys, CancellationToken ct)
    {
        await keys.RevokeAsync(caller, keyId, ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<IReadOnlyList<UserInfo>>> ListUsers(string? search, ClaimsPrincipal caller, UserAdministration users, CancellationToken ct) =>
        TypedResults.Ok(await users.ListAsync(caller, search, ct));

    public static async Task<Created<UserInfo>> CreateUser(HttpRequest request, ClaimsPrincipal caller, UserAdministration users, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<CreateUserRequest>(request, ct);
        var user = await users.CreateAsync(caller, body.Email, body.Password, body.Role, ct);
        return TypedResults.Created($"/api/v1/admin/users/{user.Id}", user);
    }

    public static async Task<Ok<UserInfo>> UpdateUser(string userId, HttpRequest request, ClaimsPrincipal caller, UserAdministration users, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<UpdateUserRequest>(request, ct);
        return TypedResults.Ok(await users.UpdateAsync(caller, userId, new UserChange(body.Role, body.Disabled, body.Password), ct));
    }

    /// <param name="since">Epoch milliseconds.</param>
    public static async Task<Ok<IReadOnlyList<AuditEvent>>> ListAudit(string? action, string? actor, string? text, long? since, long? until, int? limit,
        ClaimsPrincipal caller, AuditLog audit, CancellationToken ct)
    {
        return TypedResults.Ok(await audit.QueryAsync(caller, new AuditQuery
        {
            Action = action, Actor = actor, Text = text, Since = since, Until = until, Limit = limit ?? 200,
        }, ct));
    }

    public static async Task<Ok<ExperimentPermissions>> ListPermissions(string experimentId, ClaimsPrincipal caller, PermissionAdministration permissions, CancellationToken ct) =>
        TypedResults.Ok(await permissions.ListAsync(caller, experimentId, ct));

    public static async Task<Ok<ExperimentPermission>> SetPermission(string experimentId, HttpRequest request, ClaimsPrincipal caller,
        PermissionAdministration permissions, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<SetPermissionRequest>(request, ct);
        return TypedResults.Ok(await permissions.SetAsync(caller, experimentId, body.Email, body.Level, ct));
    }

    public static async Task<NoContent> RevokePermission(string experimentId, string userId, ClaimsPrincipal caller, PermissionAdministration permissions, CancellationToken ct)
    {
        await permissions.RevokeAsync(caller, experimentId, userId, ct);
        return TypedResults.NoContent();
    }
}
