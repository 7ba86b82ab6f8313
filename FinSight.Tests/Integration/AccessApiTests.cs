using System.Net;
using System.Net.Http.Json;
using FinSight.Core.Access;
using FinSight.Core.Contracts;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Ingestion;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static FinSight.Tests.Integration.AccessTestUsers;

namespace FinSight.Tests.Integration;

/// <summary>
/// The admin and sharing APIs as an admin and a researcher use them: users (create, role, disable, password),
/// the guards that keep an admin in charge, experiment permissions, and the audit log that records it all.
/// </summary>
public sealed class AccessApiTests : IAsyncLifetime
{
    private FinSightServer _server = null!;
    private HttpClient _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await FinSightServer.StartAsync();
        _admin = _server.CreateHttpClient();
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
    }

    private Task<HttpResponseMessage> CreateUserAsync(string email, string? role, string password = Password) =>
        _admin.PostAsync("api/v1/admin/users", Json(new { email, password, role }));

    private Task<HttpResponseMessage> PatchUserAsync(HttpClient http, string userId, object change) =>
        http.PatchAsync($"api/v1/admin/users/{userId}", Json(change));

    private async Task<HttpResponseMessage> TokenAsync(string email, string password)
    {
        using var http = _server.CreateHttpClient(null);
        return await http.PostAsync("api/v1/auth/token", Json(new { email, password }));
    }

    private async Task<List<UserInfo>> UsersAsync() => (await _admin.GetFromJsonAsync<List<UserInfo>>("api/v1/admin/users", FinSightServer.Json))!;

    private async Task<List<AuditEvent>> AuditAsync(string query) =>
        (await _admin.GetFromJsonAsync<List<AuditEvent>>($"api/v1/admin/audit?{query}", FinSightServer.Json))!;

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<T>(FinSightServer.Json))!;

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(detail, await DetailAsync(response));
    }

    [Fact]
    public async Task CreateUser_Listed_WithTheRoleSpelledCanonically_AndCanGetAToken()
    {
        using var response = await CreateUserAsync("new.user@finsight.test", "researcher");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await ReadAsync<UserInfo>(response);
        Assert.Equal(("new.user@finsight.test", Roles.Researcher, false), (created.Email, created.Role, created.Disabled));
        Assert.Equal($"/api/v1/admin/users/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Contains(await UsersAsync(), u => u.Id == created.Id && u.Role == Roles.Researcher);
        using var token = await TokenAsync("new.user@finsight.test", Password);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    [Fact]
    public async Task CreateUser_DuplicateEmail_409_WhateverItsCase()
    {
        (await CreateUserAsync("twice@finsight.test", "Viewer")).Dispose();

        using var again = await CreateUserAsync("TWICE@finsight.test", "Viewer");

        await AssertProblemAsync(again, HttpStatusCode.Conflict, "A user with email 'TWICE@finsight.test' already exists.");
        Assert.Single(await UsersAsync(), u => u.Email.Equals("twice@finsight.test", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("Superuser", "role 'Superuser' is not a role; use Admin, Researcher, Viewer.")]
    [InlineData(null, "role '' is not a role; use Admin, Researcher, Viewer.")]
    public async Task CreateUser_BadRole_400NamingTheRoles(string? role, string detail)
    {
        using var response = await CreateUserAsync("roleless@finsight.test", role);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, detail);
        Assert.DoesNotContain(await UsersAsync(), u => u.Email == "roleless@finsight.test");
    }

    [Fact]
    public async Task CreateUser_BadEmailOrShortPassword_400SayingWhich()
    {
        using var email = await CreateUserAsync("not-an-email", "Viewer");
        await AssertProblemAsync(email, HttpStatusCode.BadRequest, "email 'not-an-email' is not an email address.");
        using var password = await CreateUserAsync("short@finsight.test", "Viewer", "short");
        await AssertProblemAsync(password, HttpStatusCode.BadRequest, "password:");
        Assert.DoesNotContain(await UsersAsync(), u => u.Email == "short@finsight.test");
    }

    [Fact]
    public async Task ChangeRole_HoldsOnTheUsersNextRequest_AndIsAudited()
    {
        var user = await CreateAsync(_server, Roles.Researcher);
        using var http = _server.CreateHttpClient(user.Key);
        using (var before = await http.PostAsync("api/v1/experiments", Json(new { name = "as-researcher" })))
            Assert.Equal(HttpStatusCode.Created, before.StatusCode);

        using var change = await PatchUserAsync(_admin, user.Id, new { role = "Viewer" });

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Equal(Roles.Viewer, (await ReadAsync<UserInfo>(change)).Role);
        using var after = await http.PostAsync("api/v1/experiments", Json(new { name = "as-viewer" }));
        await AssertProblemAsync(after, HttpStatusCode.Forbidden, "Researcher or Admin role");
        var audit = Assert.Single(await AuditAsync($"action={AuditActions.RoleChanged}"));
        Assert.Equal((FinSightServer.AdminEmail, user.Email, "Researcher → Viewer"), (audit.Actor, audit.Target, audit.Detail));
        using var bad = await PatchUserAsync(_admin, user.Id, new { role = "Owner" });
        await AssertProblemAsync(bad, HttpStatusCode.BadRequest, "use Admin, Researcher, Viewer");
        using var unknown = await PatchUserAsync(_admin, "no-such-user", new { role = "Viewer" });
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound, "User 'no-such-user' does not exist.");
    }

    [Fact]
    public async Task DisableUser_CannotSignInOrUseKeys_UntilEnabled()
    {
        var user = await CreateAsync(_server, Roles.Researcher);
        using var http = _server.CreateHttpClient(user.Key);

        using (var disable = await PatchUserAsync(_admin, user.Id, new { disabled = true }))
            Assert.True((await ReadAsync<UserInfo>(disable)).Disabled);

        using (var token = await TokenAsync(user.Email, user.Password))
            await AssertProblemAsync(token, HttpStatusCode.Unauthorized, "This account is disabled; ask an admin.");
        // Without the password, nothing says the account exists at all.
        using (var guess = await TokenAsync(user.Email, "a guessed password"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode);
            Assert.Equal("The email or password is wrong.", await DetailAsync(guess));
        }
        using (var key = await http.GetAsync("api/v1/experiments"))
            await AssertProblemAsync(key, HttpStatusCode.Unauthorized, "whose account is disabled");
        using (var browser = CookieClient(_server))
        using (var form = await PostSignInFormAsync(browser, user.Email, user.Password))
        {
            Assert.Equal(HttpStatusCode.OK, form.StatusCode); // the form again, not a redirect
            Assert.Contains("This account is disabled; ask an admin.", await form.Content.ReadAsStringAsync());
        }

        using (var enable = await PatchUserAsync(_admin, user.Id, new { disabled = false }))
            Assert.False((await ReadAsync<UserInfo>(enable)).Disabled);
        using (var token = await TokenAsync(user.Email, user.Password))
            Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        using (var key = await http.GetAsync("api/v1/experiments"))
            Assert.Equal(HttpStatusCode.OK, key.StatusCode);
        using var signedIn = await SignInWithCookieAsync(_server, user.Email, user.Password);
        Assert.Equal([AuditActions.UserEnabled, AuditActions.UserDisabled],
            (await AuditAsync($"text={Uri.EscapeDataString(user.Email)}&actor={Uri.EscapeDataString(FinSightServer.AdminEmail)}"))
                .Where(e => e.Action is AuditActions.UserDisabled or AuditActions.UserEnabled).Select(e => e.Action));
    }

    [Fact]
    public async Task IngestionHub_SignInCookieOnly_Refused401()
    {
        // The hub is for training processes with keys. A cookie there would let any page of the same site (another
        // port on localhost, a notebook) open a WebSocket that writes as the signed-in user.
        var experimentId = await CreateExperimentAsync(_server, "cookie-hub");
        var user = await CreateAsync(_server, Roles.Researcher);
        await GrantAsync(_server, experimentId, user, PermissionLevel.Edit);
        var cookies = new System.Net.CookieContainer();
        using var browser = await SignInWithCookieAsync(_server, user.Email, user.Password, cookies);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(_server.Address, "hubs/ingest"), o => o.Cookies = cookies).Build();

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Empty(await _server.GetJsonAsync<List<RunInfo>>($"api/v1/experiments/{experimentId}/runs"));
    }

    [Fact]
    public async Task UserAdministration_KeptByAnOpenPage_ActsOnWhatIsStoredNow()
    {
        // A page keeps its services as long as it is open; another admin may change the same user meanwhile.
        using var page = _server.Services.CreateScope();
        var users = page.ServiceProvider.GetRequiredService<UserAdministration>();
        var user = await CreateAsync(_server, Roles.Researcher);
        await users.UpdateAsync(_server.Admin, user.Id, new UserChange(Disabled: true));
        using (var enable = await PatchUserAsync(_admin, user.Id, new { disabled = false }))
            Assert.Equal(HttpStatusCode.OK, enable.StatusCode);

        var shown = await users.UpdateAsync(_server.Admin, user.Id, new UserChange(Disabled: true));
        await users.UpdateAsync(_server.Admin, user.Id, new UserChange(Password: "a brand new password"));

        Assert.True(shown.Disabled);
        Assert.True((await UsersAsync()).Single(u => u.Id == user.Id).Disabled);
    }

    [Fact]
    public async Task DisableYourself_Refused()
    {
        using var response = await PatchUserAsync(_admin, _server.Admin.UserId()!, new { disabled = true });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "You cannot disable your own account.");
        Assert.False((await UsersAsync()).Single(u => u.Email == FinSightServer.AdminEmail).Disabled);
    }

    [Fact]
    public async Task LastEnabledAdmin_CannotBeDemoted_NorLeftAsTheOnlyOne()
    {
        var adminId = _server.Admin.UserId()!;

        using (var demoteSelf = await PatchUserAsync(_admin, adminId, new { role = "Researcher" }))
            await AssertProblemAsync(demoteSelf, HttpStatusCode.BadRequest, "they are the only enabled admin");

        // A second admin disables the first; now they are the only enabled one and cannot step down.
        var second = await CreateAsync(_server, Roles.Admin);
        using var asSecond = _server.CreateHttpClient(second.Key);
        using (var disableFirst = await PatchUserAsync(asSecond, adminId, new { disabled = true }))
            Assert.Equal(HttpStatusCode.OK, disableFirst.StatusCode);
        using (var demoteSecond = await PatchUserAsync(asSecond, second.Id, new { role = "Viewer" }))
            await AssertProblemAsync(demoteSecond, HttpStatusCode.BadRequest, $"You cannot change the role of {second.Email}: they are the only enabled admin.");
        using (var disableSecond = await PatchUserAsync(asSecond, second.Id, new { disabled = true }))
            await AssertProblemAsync(disableSecond, HttpStatusCode.BadRequest, "You cannot disable your own account.");
        var users = (await asSecond.GetFromJsonAsync<List<UserInfo>>("api/v1/admin/users", FinSightServer.Json))!;
        Assert.Equal((Roles.Admin, false), users.Single(u => u.Id == second.Id) is var s ? (s.Role, s.Disabled) : default);

        // With the first enabled again, either may step down.
        using (var enableFirst = await PatchUserAsync(asSecond, adminId, new { disabled = false }))
            Assert.Equal(HttpStatusCode.OK, enableFirst.StatusCode);
        using (var demoteSecond = await PatchUserAsync(asSecond, second.Id, new { role = "Viewer" }))
            Assert.Equal(HttpStatusCode.OK, demoteSecond.StatusCode);
    }

    [Fact]
    public async Task ResetPassword_UnlocksALockedAccount_AndOnlyTheNewPasswordWorks()
    {
        var user = await CreateAsync(_server, Roles.Researcher);
        for (var attempt = 0; attempt < 5; attempt++) (await TokenAsync(user.Email, "wrong")).Dispose();
        using (var locked = await TokenAsync(user.Email, user.Password))
            await AssertProblemAsync(locked, HttpStatusCode.Unauthorized, "locked until");
        Assert.NotNull((await UsersAsync()).Single(u => u.Id == user.Id).LockedUntil);

        using var reset = await PatchUserAsync(_admin, user.Id, new { password = "a brand new password" });

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Null((await ReadAsync<UserInfo>(reset)).LockedUntil);
        using (var old = await TokenAsync(user.Email, user.Password))
            await AssertProblemAsync(old, HttpStatusCode.Unauthorized, "The email or password is wrong.");
        using (var fresh = await TokenAsync(user.Email, "a brand new password"))
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Contains(await AuditAsync($"action={AuditActions.PasswordReset}"), e => e.Target == user.Email);
        using var tooShort = await PatchUserAsync(_admin, user.Id, new { password = "short" });
        await AssertProblemAsync(tooShort, HttpStatusCode.BadRequest, "password:");
    }

    [Fact]
    public async Task Permissions_PutGetDelete_RoundTrip_WithLevelsValidated()
    {
        var experimentId = await CreateExperimentAsync(_server, "shared");
        var user = await CreateAsync(_server, Roles.Researcher);
        using var asUser = _server.CreateHttpClient(user.Key);
        var path = $"api/v1/experiments/{experimentId}/permissions";
        async Task<HttpStatusCode> StartRunAsync()
        {
            using var response = await asUser.PostAsync("api/v1/runs", Json(new { experimentId }));
            return response.StatusCode;
        }
        Assert.Equal(HttpStatusCode.Forbidden, await StartRunAsync()); // the default, READ

        using (var put = await _admin.PutAsync(path, Json(new { email = user.Email, level = "edit" })))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            Assert.Equal((user.Id, "EDIT"), await ReadAsync<ExperimentPermission>(put) is var p ? (p.UserId, p.Level) : default);
        }
        var listed = await _admin.GetFromJsonAsync<ExperimentPermissions>(path, FinSightServer.Json);
        Assert.Equal(("READ", experimentId), (listed!.DefaultLevel, listed.ExperimentId));
        Assert.Contains(listed.Permissions, p => p.Email == user.Email && p.Level == "EDIT");
        Assert.Equal(HttpStatusCode.Created, await StartRunAsync());

        using (var bad = await _admin.PutAsync(path, Json(new { email = user.Email, level = "WRITE" })))
            await AssertProblemAsync(bad, HttpStatusCode.BadRequest, "level 'WRITE' is not a permission level; use READ, EDIT, MANAGE or NO_PERMISSIONS.");
        using (var admin = await _admin.PutAsync(path, Json(new { email = FinSightServer.AdminEmail, level = "READ" })))
            await AssertProblemAsync(admin, HttpStatusCode.BadRequest, "is an admin and has every permission");
        using (var nobody = await _admin.PutAsync(path, Json(new { email = "nobody@finsight.test", level = "READ" })))
            await AssertProblemAsync(nobody, HttpStatusCode.NotFound, "No user has the email 'nobody@finsight.test'.");
        using (var noExperiment = await _admin.PutAsync("api/v1/experiments/999/permissions", Json(new { email = user.Email, level = "READ" })))
            await AssertProblemAsync(noExperiment, HttpStatusCode.NotFound, "Experiment 999 does not exist.");

        using (var delete = await _admin.DeleteAsync($"{path}/{user.Id}"))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.DoesNotContain((await _admin.GetFromJsonAsync<ExperimentPermissions>(path, FinSightServer.Json))!.Permissions, p => p.UserId == user.Id);
        Assert.Equal(HttpStatusCode.Forbidden, await StartRunAsync()); // back to the default at once
        using var again = await _admin.DeleteAsync($"{path}/{user.Id}");
        await AssertProblemAsync(again, HttpStatusCode.NotFound, "has no explicit permission");
        var changes = await AuditAsync($"action={AuditActions.PermissionChanged}&text={Uri.EscapeDataString(user.Email)}");
        Assert.Equal([$"{user.Email}: EDIT → default (READ)", $"{user.Email}: default (READ) → EDIT"], changes.Select(e => e.Detail));
        Assert.All(changes, e => Assert.Equal($"experiment {experimentId}", e.Target));
    }

    [Fact]
    public async Task ExperimentCreator_GetsManage_SeesItEvenWhenTheDefaultIsNoPermissions_AndMayShareIt()
    {
        await using var server = await FinSightServer.StartAsync(new() { ["Auth:DefaultPermission"] = "NO_PERMISSIONS" });
        var creator = await CreateAsync(server, Roles.Researcher);
        var other = await CreateAsync(server, Roles.Researcher);
        using var asCreator = server.CreateHttpClient(creator.Key);
        using var asOther = server.CreateHttpClient(other.Key);

        using var created = await asCreator.PostAsync("api/v1/experiments", Json(new { name = "mine" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var experimentId = (await ReadAsync<ExperimentInfo>(created)).ExperimentId;
        // And through the hub, as training code creates them.
        await using var hub = server.CreateHubConnection(messagePack: true, creator.Key);
        await hub.StartAsync();
        var hubRun = await HubSession.StartRunAsync(hub, "mine-from-hub");

        var permissions = (await asCreator.GetFromJsonAsync<ExperimentPermissions>($"api/v1/experiments/{experimentId}/permissions", FinSightServer.Json))!;
        Assert.Equal("NO_PERMISSIONS", permissions.DefaultLevel);
        Assert.Equal((creator.Email, "MANAGE"), Assert.Single(permissions.Permissions) is var p ? (p.Email, p.Level) : default);
        var theirs = (await asCreator.GetFromJsonAsync<List<ExperimentInfo>>("api/v1/experiments", FinSightServer.Json))!.Select(e => e.Name);
        Assert.Equal(["mine", "mine-from-hub"], theirs.Order());
        Assert.Empty((await asOther.GetFromJsonAsync<List<ExperimentInfo>>("api/v1/experiments", FinSightServer.Json))!);
        using (var hidden = await asOther.GetAsync($"api/v1/runs/{hubRun.RunId}"))
            await AssertProblemAsync(hidden, HttpStatusCode.Forbidden, "You need READ permission");

        using (var share = await asCreator.PutAsync($"api/v1/experiments/{experimentId}/permissions", Json(new { email = other.Email, level = "READ" })))
            Assert.Equal(HttpStatusCode.OK, share.StatusCode);
        Assert.Equal(["mine"], (await asOther.GetFromJsonAsync<List<ExperimentInfo>>("api/v1/experiments", FinSightServer.Json))!.Select(e => e.Name));
        // READ is not MANAGE: the other may not pass it on.
        using var reshare = await asOther.PutAsync($"api/v1/experiments/{experimentId}/permissions", Json(new { email = other.Email, level = "MANAGE" }));
        await AssertProblemAsync(reshare, HttpStatusCode.Forbidden, "You need MANAGE permission");
    }

    [Fact]
    public async Task Audit_RecordsEveryAdministrativeChange_FilterableByActionAndActor()
    {
        var researcher = await CreateAsync(_server, Roles.Researcher);
        using var asResearcher = _server.CreateHttpClient(researcher.Key);
        using (var created = await CreateUserAsync("audited@finsight.test", "Viewer"))
        {
            var audited = await ReadAsync<UserInfo>(created);
            (await PatchUserAsync(_admin, audited.Id, new { role = "Researcher" })).Dispose();
            (await PatchUserAsync(_admin, audited.Id, new { disabled = true })).Dispose();
        }
        using var key = await asResearcher.PostAsync("api/v1/api-keys", Json(new { name = "audited key" }));
        var keyId = (await ReadAsync<CreatedApiKey>(key)).Id;
        (await asResearcher.DeleteAsync($"api/v1/api-keys/{keyId}")).Dispose();
        using var experiment = await asResearcher.PostAsync("api/v1/experiments", Json(new { name = "to delete" }));
        var experimentId = (await ReadAsync<ExperimentInfo>(experiment)).ExperimentId;
        (await asResearcher.PutAsync($"api/v1/experiments/{experimentId}/permissions", Json(new { email = "audited@finsight.test", level = "READ" }))).Dispose();
        var ingestion = _server.Services.GetRequiredService<IngestionService>();
        // Deleting needs MANAGE: a researcher with EDIT is refused, the creator may.
        var editor = await CreateAsync(_server, Roles.Researcher);
        await GrantAsync(_server, experimentId, editor, PermissionLevel.Edit);
        var refused = await Assert.ThrowsAsync<TrackingException>(() => ingestion.DeleteExperimentAsync(editor.Principal, experimentId));
        Assert.Equal(TrackingErrorKind.Forbidden, refused.Kind);
        await ingestion.DeleteExperimentAsync(researcher.Principal, experimentId);

        var byAdmin = await AuditAsync($"actor={Uri.EscapeDataString(FinSightServer.AdminEmail)}&text=audited%40finsight.test");
        Assert.Equal([AuditActions.UserDisabled, AuditActions.RoleChanged, AuditActions.UserCreated], byAdmin.Select(e => e.Action));
        Assert.Equal(["", "Viewer → Researcher", "role Viewer"], byAdmin.Select(e => e.Detail ?? ""));
        var byResearcher = await AuditAsync($"actor={Uri.EscapeDataString(researcher.Email)}");
        Assert.Equal([AuditActions.ExperimentDeleted, AuditActions.PermissionChanged, AuditActions.KeyRevoked, AuditActions.KeyCreated],
            byResearcher.Select(e => e.Action));
        Assert.Equal([$"experiment {experimentId}", $"experiment {experimentId}", keyId, keyId], byResearcher.Select(e => e.Target));
        Assert.Equal("'to delete'", byResearcher[0].Detail);
        Assert.All(byResearcher, e => Assert.Equal(researcher.Email, e.Actor));
        // The action filter is exact and spans actors.
        Assert.Equal([experimentId], (await AuditAsync($"action={AuditActions.ExperimentDeleted}")).Select(e => e.Target!.Replace("experiment ", "")));
        Assert.Single(await AuditAsync($"action={AuditActions.KeyCreated}&limit=1"));
    }
}
