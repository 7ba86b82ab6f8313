using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using FinSight.Core.Access;
using FinSight.Core.Contracts;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Apis;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Xunit;
using static FinSight.Tests.Integration.AccessTestUsers;
using static FinSight.Tests.Integration.HubSession;

namespace FinSight.Tests.Integration;

/// <summary>
/// API keys end to end: stored only as a hash; refused at once when revoked, expired or their owner is disabled,
/// on HTTP, on new hub connections and on the next call of an open one; the bootstrap key; Basic auth; the hub's
/// access_token query (and only there); last-used times.
/// </summary>
public sealed class ApiKeyTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private FinSightServer _server = null!;
    private HttpClient _admin = null!;
    private string _experimentId = "";

    public async ValueTask InitializeAsync()
    {
        _server = await FinSightServer.StartAsync();
        _admin = _server.CreateHttpClient();
        _experimentId = await CreateExperimentAsync(_server, "keys");
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
    }

    /// <summary>A researcher with EDIT on the experiment: their key can log.</summary>
    private async Task<TestUser> WriterAsync()
    {
        var user = await CreateAsync(_server, Roles.Researcher);
        await GrantAsync(_server, _experimentId, user, PermissionLevel.Edit);
        return user;
    }

    private async Task<CreatedApiKey> CreateKeyAsync(string ownerKey, string name, long? expiresAt = null)
    {
        using var http = _server.CreateHttpClient(ownerKey);
        using var response = await http.PostAsync("api/v1/api-keys", Json(new { name, expiresAt }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CreatedApiKey>(FinSightServer.Json))!;
    }

    private async Task<HubConnection> OpenHubAsync(string key)
    {
        var hub = _server.CreateHubConnection(messagePack: true, key);
        await hub.StartAsync();
        return hub;
    }

    private async Task<StartRunResult> StartRunAsync(HubConnection hub) =>
        await hub.InvokeAsync<StartRunResult>("StartRun", new StartRunRequest { ExperimentId = _experimentId });

    private static async Task<HttpStatusCode> GetExperimentsAsync(HttpClient http)
    {
        using var response = await http.GetAsync("api/v1/experiments");
        return response.StatusCode;
    }

    /// <summary>Asserts the open connection's next call is refused with <paramref name="reason"/>, and that the server then closes it.</summary>
    private static async Task AssertOpenConnectionRefusedAsync(HubConnection hub, string runId, string reason)
    {
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.LogMetricsAsync(runId, "after", [Point("loss", 1, 1)]));
        Assert.Contains("Unauthorized: The API key", refused.Message);
        Assert.Contains(reason, refused.Message);
        await Eventually(() => hub.State == HubConnectionState.Disconnected, "the refused connection to be closed");
    }

    private async Task AssertNewConnectionRefusedAsync(string key)
    {
        await using var hub = _server.CreateHubConnection(messagePack: true, key);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited {Deadline.TotalSeconds} s for {what}.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Secret_NeverStoredInClear_OnlyItsSha256()
    {
        var user = await WriterAsync();
        var created = await CreateKeyAsync(user.Key, "stored as a hash");
        using (var http = _server.CreateHttpClient(created.Secret))
            Assert.Equal(HttpStatusCode.OK, await GetExperimentsAsync(http)); // used, so last-used and audit rows exist too
        using var anonymous = _server.CreateHttpClient(null);
        using var token = await anonymous.PostAsync("api/v1/auth/token", Json(new { email = user.Email, password = user.Password }));
        var issued = (await token.Content.ReadFromJsonAsync<TokenResponse>(FinSightServer.Json))!;
        string[] secrets = [created.Secret, issued.Secret, user.Key, FinSightServer.AdminKey];

        await using var db = new SqliteConnection($"Data Source={_server.DatabasePath};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        var hashes = new Dictionary<string, string>();
        await using (var keys = db.CreateCommand())
        {
            keys.CommandText = "SELECT Id, SecretHash FROM api_keys";
            await using var reader = await keys.ExecuteReaderAsync();
            while (await reader.ReadAsync()) hashes[reader.GetString(0)] = reader.GetString(1);
        }
        Assert.Equal(Sha256(created.Secret), hashes[created.Id]);
        Assert.Equal(Sha256(issued.Secret), hashes[issued.Id]);
        Assert.Contains(Sha256(FinSightServer.AdminKey), hashes.Values);

        // No column of any table holds a secret, whole or without its marker (in text or in a blob).
        var tables = new List<string>();
        await using (var list = db.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        Assert.Contains("api_keys", tables);
        var cellsRead = 0;
        foreach (var table in tables)
        {
            await using var select = db.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var text = reader.GetValue(i) switch
                    {
                        string s => s,
                        byte[] bytes => Encoding.UTF8.GetString(bytes),
                        _ => null,
                    };
                    if (text is null) continue;
                    cellsRead++;
                    foreach (var secret in secrets)
                    {
                        Assert.False(text.Contains(secret, StringComparison.Ordinal) || text.Contains(secret[ApiKeySecrets.Marker.Length..], StringComparison.Ordinal),
                            $"{table}.{reader.GetName(i)} holds an API key secret.");
                    }
                }
            }
        }
        Assert.True(cellsRead > 0);
    }

    private static string Sha256(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    [Fact]
    public async Task RevokedKey_RefusedAtOnce_OnHttp_NewHubConnection_AndTheOpenConnectionsNextCall()
    {
        var user = await WriterAsync();
        var key = await CreateKeyAsync(user.Key, "to revoke");
        using var http = _server.CreateHttpClient(key.Secret);
        await using var hub = await OpenHubAsync(key.Secret);
        var run = await StartRunAsync(hub);
        await hub.LogMetricsAsync(run.RunId, "before", [Point("loss", 1, 0)]);
        Assert.Equal(HttpStatusCode.OK, await GetExperimentsAsync(http)); // the key's lookup is cached now

        using (var revoke = await _admin.DeleteAsync($"api/v1/api-keys/{key.Id}"))
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        using var refused = await http.GetAsync("api/v1/experiments");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal($"The API key {key.Id} was revoked.", await DetailAsync(refused));
        await AssertNewConnectionRefusedAsync(key.Secret);
        await AssertOpenConnectionRefusedAsync(hub, run.RunId, "was revoked");
        // The owner's other key is untouched.
        using var other = _server.CreateHttpClient(user.Key);
        Assert.Equal(HttpStatusCode.OK, await GetExperimentsAsync(other));
    }

    [Fact]
    public async Task ExpiredKey_RefusedOnHttp_NewHubConnection_AndTheOpenConnectionsNextCall()
    {
        var user = await WriterAsync();
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(3).ToUnixTimeMilliseconds();
        var key = await CreateKeyAsync(user.Key, "short-lived", expiresAt);
        Assert.Equal(expiresAt, key.ExpiresAt);
        using var http = _server.CreateHttpClient(key.Secret);
        await using var hub = await OpenHubAsync(key.Secret);
        var run = await StartRunAsync(hub);
        Assert.Equal(HttpStatusCode.OK, await GetExperimentsAsync(http));

        var wait = DateTimeOffset.FromUnixTimeMilliseconds(expiresAt) - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(250);
        if (wait > TimeSpan.Zero) await Task.Delay(wait);

        using var refused = await http.GetAsync("api/v1/experiments");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains($"The API key {key.Id} expired at", await DetailAsync(refused));
        await AssertNewConnectionRefusedAsync(key.Secret);
        await AssertOpenConnectionRefusedAsync(hub, run.RunId, "expired at");
        var listed = (await _server.GetJsonAsync<List<ApiKeyInfo>>("api/v1/api-keys?all=true")).Single(k => k.Id == key.Id);
        Assert.Equal("expired", listed.Status);
    }

    [Fact]
    public async Task DisabledUsersKey_Refused_UntilTheyAreEnabledAgain()
    {
        var user = await WriterAsync();
        using var http = _server.CreateHttpClient(user.Key);
        await using var hub = await OpenHubAsync(user.Key);
        var run = await StartRunAsync(hub);
        Assert.Equal(HttpStatusCode.OK, await GetExperimentsAsync(http));

        using (var disable = await _admin.PatchAsync($"api/v1/admin/users/{user.Id}", Json(new { disabled = true })))
            Assert.Equal(HttpStatusCode.OK, disable.StatusCode);

        using (var refused = await http.GetAsync("api/v1/experiments"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains($"belongs to {user.Email}, whose account is disabled", await DetailAsync(refused));
        }
        await AssertNewConnectionRefusedAsync(user.Key);
        await AssertOpenConnectionRefusedAsync(hub, run.RunId, "whose account is disabled");

        using (var enable = await _admin.PatchAsync($"api/v1/admin/users/{user.Id}", Json(new { disabled = false })))
            Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await GetExperimentsAsync(http));
    }

    [Fact]
    public async Task RoleChanged_OpenHubConnectionWritesWithTheNewRole()
    {
        // A researcher with EDIT keeps a connection open for days; an admin then makes them a Viewer.
        var user = await WriterAsync();
        await using var hub = await OpenHubAsync(user.Key);
        var run = await StartRunAsync(hub);
        await hub.LogMetricsAsync(run.RunId, "as researcher", [Point("loss", 1, 0)]);

        using (var demote = await _admin.PatchAsync($"api/v1/admin/users/{user.Id}", Json(new { role = "Viewer" })))
            Assert.Equal(HttpStatusCode.OK, demote.StatusCode);

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.LogMetricsAsync(run.RunId, "as viewer", [Point("loss", 1, 1)]));
        Assert.Contains("the Viewer role can only read", refused.Message);
        using var http = _server.CreateHttpClient(user.Key);
        using var viaHttp = await http.PostAsync($"api/v1/runs/{run.RunId}/log-batch", Json(new { batchId = "http", metrics = new[] { new { key = "loss", value = 1 } } }));
        Assert.Equal(HttpStatusCode.Forbidden, viaHttp.StatusCode);
        var history = await _server.GetJsonAsync<MetricHistory>($"api/v1/runs/{run.RunId}/metric-history?key=loss");
        Assert.Single(history.Points);
    }

    [Fact]
    public async Task BootstrapKey_WorksAsTheAdmin_AndIsCreatedOnlyOnceAcrossRestarts()
    {
        using (var users = await _admin.GetAsync("api/v1/admin/users"))
            Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        Assert.Single(await BootstrapKeysAsync());

        await _server.StopAsync();
        await _server.RestartAsync();

        var bootstrap = Assert.Single(await BootstrapKeysAsync());
        Assert.Equal("active", bootstrap.Status);
        Assert.Equal(FinSightServer.AdminEmail, bootstrap.Owner);
        using var http = _server.CreateHttpClient();
        using var after = await http.GetAsync("api/v1/admin/users");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private async Task<List<ApiKeyInfo>> BootstrapKeysAsync() =>
        (await _server.GetJsonAsync<List<ApiKeyInfo>>("api/v1/api-keys?all=true")).Where(k => k.Name == AccessBootstrapper.BootstrapKeyName).ToList();

    [Theory]
    [InlineData("anyone")]
    [InlineData("")]
    [InlineData("token")]
    public async Task BasicAuth_AnyUserNameWithTheKeyAsPassword_Accepted(string userName)
    {
        var user = await WriterAsync();
        using var http = _server.CreateHttpClient(null);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName}:{user.Key}")));

        using var response = await http.GetAsync($"api/v1/experiments/{_experimentId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var start = await http.PostAsync("api/v1/runs", Json(new { experimentId = _experimentId }));
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        var run = (await start.Content.ReadFromJsonAsync<StartRunResult>(FinSightServer.Json))!;
        Assert.Equal(user.Email, (await _server.GetJsonAsync<RunDetails>($"api/v1/runs/{run.RunId}")).Info.Owner);
    }

    [Fact]
    public async Task BasicAuth_WrongPassword_401()
    {
        using var http = _server.CreateHttpClient(null);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FinSightServer.AdminEmail}:{FinSightServer.AdminPassword}")));

        using var response = await http.GetAsync("api/v1/experiments");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("The API key is not valid", await DetailAsync(response));
    }

    [Fact]
    public async Task AccessTokenQuery_AcceptedOnTheHub_NotOnTheApi()
    {
        var user = await WriterAsync();
        using var http = _server.CreateHttpClient(null);
        var token = Uri.EscapeDataString(user.Key);

        using (var negotiate = await http.PostAsync($"hubs/ingest/negotiate?negotiateVersion=1&access_token={token}", null))
            Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
        using (var anonymous = await http.PostAsync("hubs/ingest/negotiate?negotiateVersion=1", null))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using (var api = await http.GetAsync($"api/v1/experiments?access_token={token}"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
            Assert.Contains("Authentication required", await DetailAsync(api));
        }

        // A whole connection with the key in the address only (as browsers' WebSockets send it), writing as the user.
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(_server.Address, $"hubs/ingest?access_token={token}")).Build();
        await hub.StartAsync();
        var run = await StartRunAsync(hub);
        Assert.Equal(user.Email, (await _server.GetJsonAsync<RunDetails>($"api/v1/runs/{run.RunId}")).Info.Owner);
    }

    [Fact]
    public async Task LastUsedTime_RecordedWhenTheKeyIsUsed()
    {
        var user = await WriterAsync();
        var key = await CreateKeyAsync(user.Key, "watched");
        Assert.Null(Listed(await ListOwnAsync(user.Key), key.Id).LastUsedAt);
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        using (var http = _server.CreateHttpClient(key.Secret))
            Assert.Equal(HttpStatusCode.OK, await GetExperimentsAsync(http));

        var lastUsed = Listed(await ListOwnAsync(user.Key), key.Id).LastUsedAt;
        Assert.NotNull(lastUsed);
        Assert.InRange(lastUsed.Value, before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    private static ApiKeyInfo Listed(IEnumerable<ApiKeyInfo> keys, string id) => keys.Single(k => k.Id == id);

    private async Task<List<ApiKeyInfo>> ListOwnAsync(string key)
    {
        using var http = _server.CreateHttpClient(key);
        return (await http.GetFromJsonAsync<List<ApiKeyInfo>>("api/v1/api-keys", FinSightServer.Json))!;
    }

    [Fact]
    public async Task RevokeSomeoneElsesKey_NotFoundForUsers_AndTheKeyKeepsWorking()
    {
        var owner = await WriterAsync();
        var other = await WriterAsync();
        var key = await CreateKeyAsync(owner.Key, "mine");
        using var asOther = _server.CreateHttpClient(other.Key);

        using var response = await asOther.DeleteAsync($"api/v1/api-keys/{key.Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal($"API key '{key.Id}' does not exist.", await DetailAsync(response));
        using var asOwner = _server.CreateHttpClient(key.Secret);
        Assert.Equal(HttpStatusCode.OK, await GetExperimentsAsync(asOwner));
    }
}
