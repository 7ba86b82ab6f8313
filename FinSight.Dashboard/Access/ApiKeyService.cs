using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FinSight.Dashboard.Access;

/// <summary>A key as listed: never its secret.</summary>
public sealed record ApiKeyInfo(string Id, string Name, string Prefix, string UserId, string Owner, long CreationTime,
    long? ExpiresAt, long? RevokedAt, long? LastUsedAt, string Status);

/// <summary>A key just created: the only time its secret is returned.</summary>
public sealed record CreatedApiKey(string Id, string Name, string Secret, long? ExpiresAt);

/// <summary>The outcome of presenting a secret: the caller it stands for, or why it was refused.</summary>
public sealed record KeyAuthentication(ClaimsPrincipal? Caller, string? Failure);

/// <summary>
/// API keys: creation (secret shown once, SHA-256 stored), listing, revocation, and authentication of a
/// presented secret as its owner with the owner's role. Lookups are cached for a short time because the
/// ingestion hub and API ask on every connection; revoking a key or changing its owner clears the cache, so
/// a revoked key is refused on the very next request or hub call.
/// </summary>
public sealed class ApiKeyService(IDbContextFactory<FinSightDbContext> contexts, IServiceScopeFactory scopes, AuditLog audit, TimeProvider time)
{
    public const int MaxNameLength = 100;
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, CachedKey> _byHash = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CachedKey> _byId = new(StringComparer.Ordinal);

    private sealed class CachedKey(string id, string owner, long? expiresAt, long? revokedAt, bool ownerDisabled, ClaimsPrincipal caller, long loadedAt)
    {
        public string Id { get; } = id;
        public string Owner { get; } = owner;
        public long? ExpiresAt { get; } = expiresAt;
        public long? RevokedAt { get; } = revokedAt;
        public bool OwnerDisabled { get; } = ownerDisabled;
        public ClaimsPrincipal Caller { get; } = caller;
        public long LoadedAt { get; } = loadedAt;
        public long LastTouched;
    }

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Bumped by <see cref="Forget"/>: a lookup that started before it must not put its (stale) answer in the cache.</summary>
    private long _generation;

    /// <summary>Forget every cached lookup (after a revocation, or a change to a key's owner).</summary>
    public void Forget()
    {
        Interlocked.Increment(ref _generation);
        _byHash.Clear();
        _byId.Clear();
    }

    /// <summary>A new key for the caller themself.</summary>
    public async Task<CreatedApiKey> CreateAsync(ClaimsPrincipal caller, string? name, long? expiresAt, CancellationToken cancellationToken = default)
    {
        var userId = caller.UserId() ?? throw TrackingException.Forbidden("Sign in to create API keys.");
        var checkedExpiry = CheckExpiry(expiresAt);
        // A key that expires (a 30-day token, say) must not mint one that outlives it: revoking or letting the
        // first lapse would then leave a working key behind.
        if (caller.FindFirstValue(CallerClaims.ApiKeyExpiresAt) is { } text && long.TryParse(text, CultureInfo.InvariantCulture, out var callerExpiry)
            && (checkedExpiry is null || checkedExpiry > callerExpiry))
            throw TrackingException.Invalid(
                $"expiresAt must be at or before {Iso(callerExpiry)}: the key you are using expires then, and cannot create a key that outlives it. Sign in on the Account page to create longer-lived keys.");
        var created = await CreateForUserAsync(userId, CheckName(name), checkedExpiry, secret: null, cancellationToken);
        await audit.RecordAsync(caller, AuditActions.KeyCreated, created.Id, $"name '{created.Name}'{ExpiryText(created.ExpiresAt)}", cancellationToken);
        return created;
    }

    /// <summary>Creates a key for a user (token sign-in, bootstrap, demo); <paramref name="secret"/> null generates one.</summary>
    public async Task<CreatedApiKey> CreateForUserAsync(string userId, string name, long? expiresAt, string? secret, CancellationToken cancellationToken = default)
    {
        secret ??= ApiKeySecrets.NewSecret();
        var entity = new ApiKeyEntity
        {
            Id = ApiKeySecrets.NewId(),
            UserId = userId,
            Name = name,
            Prefix = ApiKeySecrets.PrefixOf(secret),
            SecretHash = ApiKeySecrets.Hash(secret),
            CreationTime = Now,
            ExpiresAt = expiresAt,
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ApiKeys.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKey(entity.Id, entity.Name, secret, entity.ExpiresAt);
    }

    /// <summary>Whether a key with this exact secret is stored (revoked or not).</summary>
    public async Task<ApiKeyEntity?> FindBySecretAsync(string secret, CancellationToken cancellationToken = default)
    {
        var hash = ApiKeySecrets.Hash(secret);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.SecretHash == hash, cancellationToken);
    }

    /// <summary>The caller's own keys, or with <paramref name="allUsers"/> (admins only) everyone's; newest first.</summary>
    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(ClaimsPrincipal caller, bool allUsers, CancellationToken cancellationToken = default)
    {
        if (allUsers) ExperimentAccess.RequireAdmin(caller);
        var userId = caller.UserId() ?? throw TrackingException.Forbidden("Sign in to list API keys.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var keys = db.ApiKeys.AsNoTracking();
        if (!allUsers) keys = keys.Where(k => k.UserId == userId);
        var rows = await keys.OrderByDescending(k => k.CreationTime)
            .Select(k => new { Key = k, Owner = k.User!.Email })
            .ToListAsync(cancellationToken);
        var now = Now;
        return rows.Select(r => new ApiKeyInfo(r.Key.Id, r.Key.Name, r.Key.Prefix, r.Key.UserId, r.Owner ?? "", r.Key.CreationTime,
            r.Key.ExpiresAt, r.Key.RevokedAt, r.Key.LastUsedAt, StatusOf(r.Key.RevokedAt, r.Key.ExpiresAt, now))).ToList();
    }

    /// <summary>Revokes a key: its owner or an admin. Takes effect on the next request and the next hub call.</summary>
    public async Task RevokeAsync(ClaimsPrincipal caller, string? keyId, CancellationToken cancellationToken = default)
    {
        var userId = caller.UserId() ?? throw TrackingException.Forbidden("Sign in to revoke API keys.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.AsTracking().FirstOrDefaultAsync(k => k.Id == keyId, cancellationToken);
        // Someone else's key looks like no key at all: its id tells a non-admin nothing.
        if (key is null || (key.UserId != userId && !caller.IsAdmin()))
            throw TrackingException.NotFound($"API key '{keyId}' does not exist.");
        if (key.RevokedAt is not null) return;
        key.RevokedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        Forget();
        await audit.RecordAsync(caller, AuditActions.KeyRevoked, key.Id, $"name '{key.Name}'", cancellationToken);
    }

    /// <summary>Checks a presented secret: the caller it stands for, or a message saying why it is refused.</summary>
    public Task<KeyAuthentication> AuthenticateAsync(string secret, CancellationToken cancellationToken = default)
    {
        var hash = ApiKeySecrets.Hash(secret);
        return CheckAsync(_byHash, hash, k => k.SecretHash == hash,
            "The API key is not valid. Create one on the Account page or with POST /api/v1/auth/token.", cancellationToken);
    }

    /// <summary>
    /// Re-checks a key a connection authenticated with: the caller it stands for now, or why it may no longer be used.
    /// The caller is rebuilt from the owner as they are now, so a role changed since the connection opened (an admin
    /// made a Viewer) holds on the connection's next call, as it does on the next HTTP request.
    /// </summary>
    public Task<KeyAuthentication> RecheckAsync(string keyId, CancellationToken cancellationToken = default) =>
        CheckAsync(_byId, keyId, k => k.Id == keyId, $"The API key {keyId} no longer exists.", cancellationToken);

    /// <summary>The key found in <paramref name="cache"/> (or the database, when missing or older than the cache lifetime), checked now.</summary>
    private async Task<KeyAuthentication> CheckAsync(ConcurrentDictionary<string, CachedKey> cache, string cacheKey,
        System.Linq.Expressions.Expression<Func<ApiKeyEntity, bool>> match, string unknown, CancellationToken cancellationToken)
    {
        var now = Now;
        if (!cache.TryGetValue(cacheKey, out var key) || now - key.LoadedAt > CacheLifetime.TotalMilliseconds)
        {
            var generation = Volatile.Read(ref _generation);
            key = await LoadAsync(match, cancellationToken);
            if (key is null) return new KeyAuthentication(null, unknown);
            // A revocation while this lookup ran would be undone by caching what was read before it.
            if (generation == Volatile.Read(ref _generation)) cache[cacheKey] = key;
        }
        if (Refusal(key, now) is { } refusal) return new KeyAuthentication(null, refusal);
        await TouchAsync(key, now, cancellationToken);
        return new KeyAuthentication(key.Caller, null);
    }

    private static string? Refusal(CachedKey key, long now)
    {
        if (key.RevokedAt is not null) return $"The API key {key.Id} was revoked.";
        if (key.ExpiresAt is { } expires && expires <= now) return $"The API key {key.Id} expired at {Iso(expires)}.";
        if (key.OwnerDisabled) return $"The API key {key.Id} belongs to {key.Owner}, whose account is disabled.";
        return null;
    }

    private async Task<CachedKey?> LoadAsync(System.Linq.Expressions.Expression<Func<ApiKeyEntity, bool>> match, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ApiKeys.AsNoTracking().Where(match).Select(k => new { Key = k, k.User }).FirstOrDefaultAsync(cancellationToken);
        if (row?.User is null) return null;
        await using var scope = scopes.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<FinSightUser>>();
        var claims = await factory.CreateAsync(row.User);
        var identity = new ClaimsIdentity(claims.Claims, ApiKeyAuthentication.SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(CallerClaims.ApiKeyId, row.Key.Id));
        if (row.Key.ExpiresAt is { } expires) identity.AddClaim(new Claim(CallerClaims.ApiKeyExpiresAt, expires.ToString(CultureInfo.InvariantCulture)));
        return new CachedKey(row.Key.Id, row.User.Email ?? "", row.Key.ExpiresAt, row.Key.RevokedAt, row.User.IsDisabled,
            new ClaimsPrincipal(identity), Now)
        {
            LastTouched = row.Key.LastUsedAt ?? 0,
        };
    }

    /// <summary>Keeps the last-used time to the minute, so a busy key costs one write a minute, not one per batch.</summary>
    private async Task TouchAsync(CachedKey key, long now, CancellationToken cancellationToken)
    {
        var last = Interlocked.Read(ref key.LastTouched);
        if (now - last < LastUsedResolution.TotalMilliseconds || Interlocked.CompareExchange(ref key.LastTouched, now, last) != last) return;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(u => u.SetProperty(k => k.LastUsedAt, now), cancellationToken);
    }

    private static string CheckName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw TrackingException.Invalid("name is required: say what the key is for, e.g. \"training cluster\".");
        var trimmed = name.Trim();
        if (trimmed.Length > MaxNameLength) throw TrackingException.Invalid($"name must be at most {MaxNameLength} characters (was {trimmed.Length}).");
        return trimmed;
    }

    private long? CheckExpiry(long? expiresAt)
    {
        if (expiresAt is { } at && at <= Now)
            throw TrackingException.Invalid($"expiresAt must be in the future (was {Iso(at)}); leave it out for a key that does not expire.");
        return expiresAt;
    }

    private static string StatusOf(long? revokedAt, long? expiresAt, long now) =>
        revokedAt is not null ? "revoked" : expiresAt is { } e && e <= now ? "expired" : "active";

    private static string ExpiryText(long? expiresAt) => expiresAt is { } at ? $", expires {Iso(at)}" : "";

    public static string Iso(long epochMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMs).UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
