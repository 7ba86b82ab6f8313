using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using FinSight.Core.Access;
using FinSight.Core.Contracts;
using FinSight.Dashboard.AbTests;
using FinSight.Tests.Components.Pages.AbTests;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Artifacts;
using FinSight.Dashboard.Hubs;
using FinSight.Dashboard.Ingestion;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static FinSight.Tests.Integration.AccessTestUsers;
using ComponentRoute = Microsoft.AspNetCore.Components.RouteAttribute;

namespace FinSight.Tests.Integration;

/// <summary>Who calls, in the authorization matrix. Each signed-in caller authenticates with their own API key.</summary>
public enum MatrixCaller
{
    Anonymous,
    /// <summary>A Viewer holding an explicit MANAGE on the experiment: the role caps them at READ.</summary>
    Viewer,
    ResearcherNone,
    ResearcherRead,
    ResearcherEdit,
    ResearcherManage,
    Admin,
}

/// <summary>
/// One server for the whole matrix: an experiment, and a user per caller kind with their explicit level on it
/// (NO_PERMISSIONS, READ, EDIT, MANAGE for researchers; MANAGE for the viewer, to prove the cap). A bystander
/// user is the target of permission and key changes, so no cell changes what another cell's caller may do.
/// </summary>
public sealed class AuthorizationMatrixFixture : IAsyncLifetime
{
    public FinSightServer Server { get; private set; } = null!;
    public string ExperimentId { get; private set; } = "";
    public string ExperimentName { get; } = "matrix";
    public TestUser Bystander { get; private set; } = null!;
    public TestUser AdminUser { get; private set; } = null!;
    private readonly Dictionary<MatrixCaller, TestUser> _users = [];

    public TestUser? UserOf(MatrixCaller caller) => caller == MatrixCaller.Anonymous ? null : _users[caller];

    public async ValueTask InitializeAsync()
    {
        Server = await FinSightServer.StartAsync();
        ExperimentId = await CreateExperimentAsync(Server, ExperimentName);
        AdminUser = new TestUser(Server.Admin.UserId()!, FinSightServer.AdminEmail, FinSightServer.AdminPassword, Roles.Admin, FinSightServer.AdminKey, Server.Admin);
        _users[MatrixCaller.Admin] = AdminUser;
        (MatrixCaller Caller, string Role, PermissionLevel Level)[] setup =
        [
            (MatrixCaller.Viewer, Roles.Viewer, PermissionLevel.Manage),
            (MatrixCaller.ResearcherNone, Roles.Researcher, PermissionLevel.NoPermissions),
            (MatrixCaller.ResearcherRead, Roles.Researcher, PermissionLevel.Read),
            (MatrixCaller.ResearcherEdit, Roles.Researcher, PermissionLevel.Edit),
            (MatrixCaller.ResearcherManage, Roles.Researcher, PermissionLevel.Manage),
        ];
        foreach (var (caller, role, level) in setup)
        {
            var user = await CreateAsync(Server, role, $"{caller.ToString().ToLowerInvariant()}@finsight.test");
            await GrantAsync(Server, ExperimentId, user, level);
            _users[caller] = user;
        }
        Bystander = await CreateAsync(Server, Roles.Researcher, "bystander@finsight.test");
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();

    /// <summary>What the caller may do with the experiment: admins everything, viewers at most READ.</summary>
    public static PermissionLevel EffectiveLevel(MatrixCaller caller) => caller switch
    {
        MatrixCaller.Admin or MatrixCaller.ResearcherManage => PermissionLevel.Manage,
        MatrixCaller.ResearcherEdit => PermissionLevel.Edit,
        MatrixCaller.ResearcherRead or MatrixCaller.Viewer => PermissionLevel.Read,
        _ => PermissionLevel.NoPermissions,
    };
}

/// <summary>What a request needs. A list of needs is checked in order; the first one missing decides the refusal.</summary>
public sealed record Need(string Kind, PermissionLevel Level = PermissionLevel.NoPermissions)
{
    /// <summary>Anyone at all, even anonymous (the token endpoint).</summary>
    public static readonly Need Anyone = new("anyone");
    /// <summary>Any signed-in caller.</summary>
    public static readonly Need SignedIn = new("signed-in");
    public static readonly Need AdminRole = new("admin");
    /// <summary>Researcher or Admin (creating experiments).</summary>
    public static readonly Need CreatorRole = new("creator");
    /// <summary>Admins succeed; for anyone else the thing does not exist (someone else's key).</summary>
    public static readonly Need AdminElseNotFound = new("admin-else-404");
    public static Need Permission(PermissionLevel level) => new("permission", level);

    public override string ToString() => Kind == "permission" ? Level.ToWire() : Kind;
}

/// <summary>The status a cell must answer, and what a refusal's detail must name.</summary>
public sealed record Expected(HttpStatusCode Status, string? Detail)
{
    public static Expected For(IReadOnlyList<Need> needs, MatrixCaller caller, HttpStatusCode success)
    {
        if (needs.All(n => n == Need.Anyone)) return new(success, null);
        if (caller == MatrixCaller.Anonymous) return new(HttpStatusCode.Unauthorized, "Authentication required");
        foreach (var need in needs)
        {
            switch (need.Kind)
            {
                case "admin" when caller != MatrixCaller.Admin:
                    return new(HttpStatusCode.Forbidden, "needs the Admin role");
                case "creator" when caller == MatrixCaller.Viewer:
                    return new(HttpStatusCode.Forbidden, "needs the Researcher or Admin role");
                case "admin-else-404" when caller != MatrixCaller.Admin:
                    return new(HttpStatusCode.NotFound, "does not exist");
                case "permission" when AuthorizationMatrixFixture.EffectiveLevel(caller) < need.Level:
                    return new(HttpStatusCode.Forbidden, $"You need {need.Level.ToWire()} permission on experiment");
            }
        }
        return new(success, null);
    }
}

/// <summary>One cell's caller and the fresh things its request needs (runs, keys, users), made by the admin.</summary>
public sealed class MatrixCell(AuthorizationMatrixFixture fixture, MatrixCaller caller)
{
    public AuthorizationMatrixFixture Fixture { get; } = fixture;
    public MatrixCaller Caller { get; } = caller;
    public TestUser? User => Fixture.UserOf(Caller);
    public string? Key => User?.Key;
    public string ExperimentId => Fixture.ExperimentId;
    private FinSightServer Server => Fixture.Server;
    private IngestionService Ingestion => Server.Services.GetRequiredService<IngestionService>();

    /// <summary>A new running run in the experiment with one "loss" point, so a write in one cell never touches another's run.</summary>
    public async Task<string> NewRunAsync()
    {
        var run = await Ingestion.StartRunAsync(Server.Admin, new StartRunRequest { ExperimentId = ExperimentId, RunName = $"cell-{Caller}" });
        await Ingestion.LogBatchAsync(Server.Admin, run.RunId, new LogBatchRequest
        {
            BatchId = "seed",
            Metrics = [new MetricPointInput { Key = "loss", Value = 0.5, Step = 0, Timestamp = 1_700_000_000_000 }],
        });
        return run.RunId;
    }

    /// <summary>A new run (as <see cref="NewRunAsync"/>) holding the artifact <c>notes/a.txt</c>, uploaded by the admin.</summary>
    public async Task<string> NewRunWithArtifactAsync()
    {
        var runId = await NewRunAsync();
        using var content = new MemoryStream("artifact"u8.ToArray());
        await Server.Services.GetRequiredService<ArtifactService>().UploadAsync(Server.Admin, runId, "notes/a.txt", content, null, CancellationToken.None);
        return runId;
    }

    /// <summary>A new key of the caller (the bystander's for anonymous callers, who own none).</summary>
    public async Task<string> NewOwnKeyIdAsync() =>
        (await Server.Services.GetRequiredService<ApiKeyService>().CreateForUserAsync(User?.Id ?? Fixture.Bystander.Id, "to revoke", null, null)).Id;

    public async Task<string> NewBystanderKeyIdAsync() =>
        (await Server.Services.GetRequiredService<ApiKeyService>().CreateForUserAsync(Fixture.Bystander.Id, "someone else's", null, null)).Id;

    /// <summary>A throwaway Viewer for the admin user endpoints to change.</summary>
    public async Task<string> NewThrowawayUserIdAsync() => (await CreateAsync(Server, Roles.Viewer)).Id;

    /// <summary>A new A/B test in the experiment (a draft, or running when <paramref name="start"/>), made by the admin.</summary>
    public async Task<string> NewAbTestAsync(bool start)
    {
        var service = Server.Services.GetRequiredService<AbTestService>();
        var test = await service.CreateAsync(Server.Admin, AbTestSeed.Body(ExperimentId, Unique($"ab-{Caller}")));
        if (start) await service.StartAsync(Server.Admin, test.Id.ToString());
        return test.Id.ToString();
    }

    public Task GrantBystanderAsync(PermissionLevel level) => GrantAsync(Server, ExperimentId, Fixture.Bystander, level);

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}

/// <summary>A request that succeeds for a caller who has what it needs; variants cover one endpoint's different rules.</summary>
public sealed record EndpointCase(
    string Variant,
    Need[] Needs,
    HttpStatusCode Success,
    Func<MatrixCell, Task<HttpRequestMessage>> Build,
    Func<MatrixCell, HttpResponseMessage, Task>? CheckSuccess = null);

/// <summary>A hub call that succeeds for a caller who has what it needs.</summary>
public sealed record HubCase(Need[] Needs, Func<MatrixCell, HubConnection, Task> Invoke);

/// <summary>
/// Every API endpoint and hub method, called by anonymous, a Viewer, researchers with NO_PERMISSIONS, READ, EDIT and
/// MANAGE on the experiment, and an admin: each cell answers 401, 403 (naming the missing permission or role) or
/// success. The lists of endpoints and hub methods come from the running app, so a new endpoint without an
/// entry here fails <see cref="EveryApiEndpointAndHubMethod_HasAMatrixEntry"/>.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixFixture fixture) : IClassFixture<AuthorizationMatrixFixture>
{
    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    private static HttpRequestMessage Send(HttpMethod method, string path, object body) => new(method, path) { Content = Json(body) };

    private static Task<HttpRequestMessage> Done(HttpRequestMessage request) => Task.FromResult(request);

    private static readonly Need Read = Need.Permission(PermissionLevel.Read);
    private static readonly Need Edit = Need.Permission(PermissionLevel.Edit);
    private static readonly Need Manage = Need.Permission(PermissionLevel.Manage);

    /// <summary>"METHOD /pattern" of every API endpoint → how to call it and what it needs.</summary>
    public static readonly IReadOnlyDictionary<string, EndpointCase[]> Endpoints = new Dictionary<string, EndpointCase[]>(AbTestEndpoints().Concat(Mlflow.MlflowMatrixEntries.Endpoints()))
    {
        ["GET /api/v1/experiments"] =
        [
            new("list", [Need.SignedIn], HttpStatusCode.OK, _ => Done(Get("api/v1/experiments")), async (cell, response) =>
            {
                // Listing needs no permission, but lists only what the caller may read.
                var ids = (await response.Content.ReadFromJsonAsync<List<ExperimentInfo>>(FinSightServer.Json))!.Select(e => e.ExperimentId);
                var visible = AuthorizationMatrixFixture.EffectiveLevel(cell.Caller) >= PermissionLevel.Read;
                Assert.Equal(visible, ids.Contains(cell.ExperimentId));
            }),
        ],
        ["POST /api/v1/experiments"] =
        [
            new("create", [Need.CreatorRole], HttpStatusCode.Created,
                _ => Done(Send(HttpMethod.Post, "api/v1/experiments", new { name = MatrixCell.Unique("created") }))),
        ],
        ["GET /api/v1/experiments/{experimentId}"] =
        [
            new("get", [Read], HttpStatusCode.OK, cell => Done(Get($"api/v1/experiments/{cell.ExperimentId}"))),
        ],
        ["GET /api/v1/experiments/{experimentId}/runs"] =
        [
            new("list runs", [Read], HttpStatusCode.OK, async cell =>
            {
                await cell.NewRunAsync();
                return Get($"api/v1/experiments/{cell.ExperimentId}/runs");
            }),
        ],
        ["GET /api/v1/experiments/{experimentId}/runs.csv"] =
        [
            new("export", [Read], HttpStatusCode.OK, cell => Done(Get($"api/v1/experiments/{cell.ExperimentId}/runs.csv?columns=min(metrics.loss)")),
                async (_, response) =>
                {
                    Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
                    Assert.StartsWith("run_id,", await response.Content.ReadAsStringAsync());
                }),
        ],
        ["GET /api/v1/experiments/{experimentId}/hyperparameters"] =
        [
            new("analyse", [Read], HttpStatusCode.OK, async cell =>
            {
                await cell.NewRunAsync(); // a "loss" metric to analyse (too few finished runs: a message, still 200)
                return Get($"api/v1/experiments/{cell.ExperimentId}/hyperparameters?target=loss");
            }),
        ],
        ["GET /api/v1/experiments/{experimentId}/permissions"] =
        [
            new("list", [Manage], HttpStatusCode.OK, cell => Done(Get($"api/v1/experiments/{cell.ExperimentId}/permissions"))),
        ],
        ["PUT /api/v1/experiments/{experimentId}/permissions"] =
        [
            new("grant", [Manage], HttpStatusCode.OK, cell => Done(Send(HttpMethod.Put, $"api/v1/experiments/{cell.ExperimentId}/permissions",
                new { email = cell.Fixture.Bystander.Email, level = "READ" }))),
        ],
        ["DELETE /api/v1/experiments/{experimentId}/permissions/{userId}"] =
        [
            new("revoke", [Manage], HttpStatusCode.NoContent, async cell =>
            {
                await cell.GrantBystanderAsync(PermissionLevel.Read);
                return new HttpRequestMessage(HttpMethod.Delete, $"api/v1/experiments/{cell.ExperimentId}/permissions/{cell.Fixture.Bystander.Id}");
            }),
        ],
        ["POST /api/v1/runs"] =
        [
            new("start", [Edit], HttpStatusCode.Created, cell => Done(Send(HttpMethod.Post, "api/v1/runs", new { experimentId = cell.ExperimentId, runName = "matrix" }))),
        ],
        ["GET /api/v1/runs/{runId}"] =
        [
            new("get", [Read], HttpStatusCode.OK, async cell => Get($"api/v1/runs/{await cell.NewRunAsync()}")),
        ],
        ["POST /api/v1/runs/{runId}/log-batch"] =
        [
            new("log", [Edit], HttpStatusCode.OK, async cell => Send(HttpMethod.Post, $"api/v1/runs/{await cell.NewRunAsync()}/log-batch",
                new { batchId = "b1", metrics = new[] { new { key = "loss", value = 0.25, step = 1 } } })),
        ],
        ["POST /api/v1/runs/{runId}/end"] =
        [
            new("end", [Edit], HttpStatusCode.OK, async cell => Send(HttpMethod.Post, $"api/v1/runs/{await cell.NewRunAsync()}/end", new { status = "FINISHED" })),
        ],
        ["GET /api/v1/runs/{runId}/metric-history"] =
        [
            new("history", [Read], HttpStatusCode.OK, async cell => Get($"api/v1/runs/{await cell.NewRunAsync()}/metric-history?key=loss")),
        ],
        ["GET /api/v1/runs/{runId}/artifacts"] =
        [
            new("list", [Read], HttpStatusCode.OK, async cell => Get($"api/v1/runs/{await cell.NewRunWithArtifactAsync()}/artifacts?path=notes"), async (_, response) =>
                Assert.Equal("notes/a.txt", (await response.Content.ReadFromJsonAsync<ArtifactListing>(FinSightServer.Json))!.Files.Single().Path)),
        ],
        ["GET /api/v1/runs/{runId}/artifacts/{**artifactPath}"] =
        [
            new("download", [Read], HttpStatusCode.OK, async cell => Get($"api/v1/runs/{await cell.NewRunWithArtifactAsync()}/artifacts/notes/a.txt"),
                async (_, response) => Assert.Equal("artifact", await response.Content.ReadAsStringAsync())),
        ],
        ["PUT /api/v1/runs/{runId}/artifacts/{**artifactPath}"] =
        [
            new("upload", [Edit], HttpStatusCode.Created, async cell => new HttpRequestMessage(HttpMethod.Put, $"api/v1/runs/{await cell.NewRunAsync()}/artifacts/model.bin")
            {
                Content = new ByteArrayContent([1, 2, 3]),
            }),
        ],
        ["DELETE /api/v1/runs/{runId}/artifacts/{**artifactPath}"] =
        [
            new("delete", [Edit], HttpStatusCode.NoContent,
                async cell => new HttpRequestMessage(HttpMethod.Delete, $"api/v1/runs/{await cell.NewRunWithArtifactAsync()}/artifacts/notes/a.txt")),
        ],
        ["GET /api/2.0/mlflow-artifacts/artifacts"] =
        [
            new("list", [Read], HttpStatusCode.OK, async cell => Get($"api/2.0/mlflow-artifacts/artifacts?path={cell.ExperimentId}/{await cell.NewRunWithArtifactAsync()}/artifacts/notes"),
                async (_, response) => Assert.Contains("\"path\":\"a.txt\"", await response.Content.ReadAsStringAsync())),
        ],
        ["GET /api/2.0/mlflow-artifacts/artifacts/{**artifactPath}"] =
        [
            new("download", [Read], HttpStatusCode.OK,
                async cell => Get($"api/2.0/mlflow-artifacts/artifacts/{cell.ExperimentId}/{await cell.NewRunWithArtifactAsync()}/artifacts/notes/a.txt"),
                async (_, response) => Assert.Equal("artifact", await response.Content.ReadAsStringAsync())),
        ],
        ["PUT /api/2.0/mlflow-artifacts/artifacts/{**artifactPath}"] =
        [
            new("upload", [Edit], HttpStatusCode.OK, async cell =>
                new HttpRequestMessage(HttpMethod.Put, $"api/2.0/mlflow-artifacts/artifacts/{cell.ExperimentId}/{await cell.NewRunAsync()}/artifacts/model.bin")
                {
                    Content = new ByteArrayContent([1, 2, 3]),
                }),
        ],
        ["DELETE /api/2.0/mlflow-artifacts/artifacts/{**artifactPath}"] =
        [
            new("delete", [Edit], HttpStatusCode.OK, async cell =>
                new HttpRequestMessage(HttpMethod.Delete, $"api/2.0/mlflow-artifacts/artifacts/{cell.ExperimentId}/{await cell.NewRunWithArtifactAsync()}/artifacts/notes/a.txt")),
        ],
        ["GET /api/2.0/mlflow/artifacts/list"] =
        [
            new("list", [Read], HttpStatusCode.OK, async cell => Get($"api/2.0/mlflow/artifacts/list?run_id={await cell.NewRunWithArtifactAsync()}&path=notes"),
                async (_, response) => Assert.Contains("\"path\":\"notes/a.txt\"", await response.Content.ReadAsStringAsync())),
        ],
        ["POST /api/v1/runs/{runId}/predictions"] =
        [
            new("log predictions", [Edit], HttpStatusCode.OK, async cell => Send(HttpMethod.Post, $"api/v1/runs/{await cell.NewRunAsync()}/predictions",
                new { batchId = "p1", actual = new[] { 100.0, 102, 101 }, predicted = new[] { 101.0, 103, 100 } })),
        ],
        ["GET /api/v1/runs/{runId}/predictions"] =
        [
            new("stored series", [Read], HttpStatusCode.OK, async cell => Get($"api/v1/runs/{await cell.NewRunAsync()}/predictions")),
        ],
        ["GET /api/v1/runs/{runId}/report"] =
        [
            new("report", [Read], HttpStatusCode.OK, async cell => Get($"api/v1/runs/{await cell.NewRunAsync()}/report"), async (_, response) =>
            {
                Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
            }),
        ],
        ["GET /api/v1/compare/report"] =
        [
            new("report", [Read], HttpStatusCode.OK, async cell => Get($"api/v1/compare/report?runIds={await cell.NewRunAsync()},{await cell.NewRunAsync()}"),
                async (_, response) =>
                {
                    Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
                    Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
                }),
        ],
        ["POST /api/v1/auth/token"] =
        [
            new("own password", [Need.Anyone], HttpStatusCode.OK, cell =>
            {
                var user = cell.User ?? cell.Fixture.Bystander;
                return Done(Send(HttpMethod.Post, "api/v1/auth/token", new { email = user.Email, password = user.Password, name = "matrix" }));
            }),
        ],
        ["GET /api/v1/api-keys"] =
        [
            new("own keys", [Need.SignedIn], HttpStatusCode.OK, _ => Done(Get("api/v1/api-keys")), async (cell, response) =>
            {
                var keys = await response.Content.ReadFromJsonAsync<List<ApiKeyInfo>>(FinSightServer.Json);
                Assert.NotEmpty(keys!);
                Assert.All(keys!, k => Assert.Equal(cell.User!.Id, k.UserId));
                Assert.Contains(keys!, k => cell.Key!.StartsWith(k.Prefix, StringComparison.Ordinal));
            }),
            new("all users' keys", [Need.AdminRole], HttpStatusCode.OK, _ => Done(Get("api/v1/api-keys?all=true")), async (cell, response) =>
            {
                var keys = await response.Content.ReadFromJsonAsync<List<ApiKeyInfo>>(FinSightServer.Json);
                Assert.Contains(keys!, k => k.UserId == cell.Fixture.Bystander.Id);
            }),
        ],
        ["POST /api/v1/api-keys"] =
        [
            new("create own", [Need.SignedIn], HttpStatusCode.Created, _ => Done(Send(HttpMethod.Post, "api/v1/api-keys", new { name = "matrix" }))),
        ],
        ["DELETE /api/v1/api-keys/{keyId}"] =
        [
            new("own key", [Need.SignedIn], HttpStatusCode.NoContent,
                async cell => new HttpRequestMessage(HttpMethod.Delete, $"api/v1/api-keys/{await cell.NewOwnKeyIdAsync()}")),
            new("someone else's key", [Need.SignedIn, Need.AdminElseNotFound], HttpStatusCode.NoContent,
                async cell => new HttpRequestMessage(HttpMethod.Delete, $"api/v1/api-keys/{await cell.NewBystanderKeyIdAsync()}")),
        ],
        ["GET /api/v1/admin/users"] =
        [
            new("list", [Need.AdminRole], HttpStatusCode.OK, _ => Done(Get("api/v1/admin/users"))),
        ],
        ["POST /api/v1/admin/users"] =
        [
            new("create", [Need.AdminRole], HttpStatusCode.Created, _ => Done(Send(HttpMethod.Post, "api/v1/admin/users",
                new { email = MatrixCell.Unique("made") + "@finsight.test", password = Password, role = "Viewer" }))),
        ],
        ["PATCH /api/v1/admin/users/{userId}"] =
        [
            new("change role", [Need.AdminRole], HttpStatusCode.OK,
                async cell => Send(HttpMethod.Patch, $"api/v1/admin/users/{await cell.NewThrowawayUserIdAsync()}", new { role = "Researcher" })),
        ],
        ["GET /api/v1/admin/audit"] =
        [
            new("list", [Need.AdminRole], HttpStatusCode.OK, _ => Done(Get("api/v1/admin/audit?limit=5")), async (_, response) =>
                Assert.NotEmpty((await response.Content.ReadFromJsonAsync<List<AuditEvent>>(FinSightServer.Json))!)),
        ],
    };

    /// <summary>A/B tests: reading and assigning need READ on the test's experiment; everything that changes it needs EDIT.</summary>
    private static IEnumerable<KeyValuePair<string, EndpointCase[]>> AbTestEndpoints() =>
    [
        new("GET /api/v1/ab-tests",
        [
            // The cell makes its own test: cells run in no fixed order, so another cell's test may not exist yet.
            new("list", [Need.SignedIn], HttpStatusCode.OK, async cell => { await cell.NewAbTestAsync(start: false); return Get("api/v1/ab-tests"); }, async (cell, response) =>
            {
                var tests = (await response.Content.ReadFromJsonAsync<List<AbTestListItem>>(FinSightServer.Json))!;
                // Hidden experiments' tests never reach a list.
                Assert.Equal(AuthorizationMatrixFixture.EffectiveLevel(cell.Caller) >= PermissionLevel.Read, tests.Any(t => t.ExperimentId == cell.ExperimentId));
            }),
        ]),
        new("POST /api/v1/ab-tests",
        [
            new("create", [Edit], HttpStatusCode.Created,
                cell => Done(Send(HttpMethod.Post, "api/v1/ab-tests", AbTestSeed.Body(cell.ExperimentId, MatrixCell.Unique("ab-created"))))),
        ]),
        new("GET /api/v1/ab-tests/{testId}",
            [new("get", [Read], HttpStatusCode.OK, async cell => Get($"api/v1/ab-tests/{await cell.NewAbTestAsync(start: false)}"))]),
        new("POST /api/v1/ab-tests/{testId}/start",
            [new("start", [Edit], HttpStatusCode.OK, async cell => Send(HttpMethod.Post, $"api/v1/ab-tests/{await cell.NewAbTestAsync(start: false)}/start", new { }))]),
        new("POST /api/v1/ab-tests/{testId}/stop",
            [new("stop", [Edit], HttpStatusCode.OK, async cell => Send(HttpMethod.Post, $"api/v1/ab-tests/{await cell.NewAbTestAsync(start: true)}/stop", new { }))]),
        new("POST /api/v1/ab-tests/{testId}/end",
            [new("end", [Edit], HttpStatusCode.OK, async cell => Send(HttpMethod.Post, $"api/v1/ab-tests/{await cell.NewAbTestAsync(start: true)}/end", new { }))]),
        new("PUT /api/v1/ab-tests/{testId}/split",
        [
            new("re-split", [Edit], HttpStatusCode.OK, async cell => Send(HttpMethod.Put, $"api/v1/ab-tests/{await cell.NewAbTestAsync(start: true)}/split",
                new { variants = new[] { new { name = "control", weight = 0.3 }, new { name = "treatment", weight = 0.7 } } })),
        ]),
        new("POST /api/v1/ab-tests/{testId}/assign",
            [new("assign", [Read], HttpStatusCode.OK, async cell => Send(HttpMethod.Post, $"api/v1/ab-tests/{await cell.NewAbTestAsync(start: false)}/assign", new { unitIds = new[] { "u1", "u2" } }))]),
        new("POST /api/v1/ab-tests/{testId}/observations",
        [
            new("observe", [Edit], HttpStatusCode.OK, async cell => Send(HttpMethod.Post, $"api/v1/ab-tests/{await cell.NewAbTestAsync(start: true)}/observations",
                new { batchId = "b1", observations = new[] { new { unitId = "u1", variant = "control", metric = "converted", value = 1 } } })),
        ]),
        new("GET /api/v1/ab-tests/{testId}/results",
            [new("results", [Read], HttpStatusCode.OK, async cell => Get($"api/v1/ab-tests/{await cell.NewAbTestAsync(start: true)}/results"))]),
    ];

    /// <summary>Every public method of <see cref="IngestHub"/> → how to call it and what it needs.</summary>
    public static readonly IReadOnlyDictionary<string, HubCase> HubMethods = new Dictionary<string, HubCase>
    {
        // The experiment exists: getting it needs a role that may create experiments, and READ on it.
        ["GetOrCreateExperiment"] = new([Need.CreatorRole, Read], async (cell, hub) =>
            Assert.Equal(cell.ExperimentId, (await hub.InvokeAsync<ExperimentRef>("GetOrCreateExperiment", cell.Fixture.ExperimentName)).ExperimentId)),
        ["StartRun"] = new([Edit], async (cell, hub) =>
            Assert.Equal("RUNNING", (await hub.InvokeAsync<StartRunResult>("StartRun", new StartRunRequest { ExperimentId = cell.ExperimentId })).Status)),
        ["LogMetrics"] = new([Edit], async (cell, hub) =>
        {
            var ack = await hub.InvokeAsync<BatchAck>("LogMetrics", new MetricBatch
            {
                RunId = await cell.NewRunAsync(),
                BatchId = "hub",
                Points = [new MetricPointInput { Key = "loss", Value = 0.1, Step = 1 }],
            });
            Assert.Equal(1, ack.Accepted);
        }),
        ["LogParams"] = new([Edit], async (cell, hub) =>
            await hub.InvokeAsync("LogParams", new LogParamsRequest { RunId = await cell.NewRunAsync(), Params = [new("lr", "0.1")] })),
        ["SetTags"] = new([Edit], async (cell, hub) =>
            await hub.InvokeAsync("SetTags", new SetTagsRequest { RunId = await cell.NewRunAsync(), Tags = [new("team", "fx")] })),
        ["EndRun"] = new([Edit], async (cell, hub) =>
            await hub.InvokeAsync("EndRun", new EndRunRequest { RunId = await cell.NewRunAsync(), Status = "FINISHED" })),
        ["LogPredictions"] = new([Edit], async (cell, hub) =>
        {
            var result = await hub.InvokeAsync<PredictionsResult>("LogPredictions", new LogPredictionsRequest
            {
                RunId = await cell.NewRunAsync(),
                Actual = [100, 102, 101],
                Predicted = [101, 103, 100],
            });
            Assert.Equal(3, result.Points);
        }),
        ["AssignVariants"] = new([Read], async (cell, hub) =>
        {
            var result = await hub.InvokeAsync<AssignResult>("AssignVariants", new AssignRequest { TestId = await cell.NewAbTestAsync(start: false), UnitIds = ["u1"] });
            Assert.Equal("u1", Assert.Single(result.Assignments).UnitId);
        }),
        ["LogObservations"] = new([Edit], async (cell, hub) =>
        {
            var ack = await hub.InvokeAsync<BatchAck>("LogObservations", new ObservationBatch
            {
                TestId = await cell.NewAbTestAsync(start: true),
                BatchId = "hub",
                Observations = [new ObservationInput { UnitId = "u1", Variant = "treatment", Metric = "converted", Value = 0 }],
            });
            Assert.Equal(1, ack.Accepted);
        }),
    };

    public static TheoryData<string, string, string> HttpCells()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (endpoint, cases) in Endpoints)
            foreach (var @case in cases)
                foreach (var caller in Enum.GetNames<MatrixCaller>())
                    data.Add(endpoint, @case.Variant, caller);
        return data;
    }

    public static TheoryData<string, string> HubCells()
    {
        var data = new TheoryData<string, string>();
        foreach (var method in HubMethods.Keys)
            foreach (var caller in Enum.GetNames<MatrixCaller>())
                data.Add(method, caller);
        return data;
    }

    [Fact]
    public void EveryApiEndpointAndHubMethod_HasAMatrixEntry()
    {
        var endpoints = fixture.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && Normalize(raw).StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => $"{m} {Normalize(e.RoutePattern.RawText!)}"))
            .ToHashSet(StringComparer.Ordinal);
        var hubMethods = typeof(IngestHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(endpoints);
        Assert.True(endpoints.SetEquals(Endpoints.Keys),
            $"Endpoints without a matrix entry: [{string.Join(", ", endpoints.Except(Endpoints.Keys).Order())}]; " +
            $"entries naming no endpoint: [{string.Join(", ", Endpoints.Keys.Except(endpoints).Order())}].");
        Assert.True(hubMethods.SetEquals(HubMethods.Keys),
            $"Hub methods without a matrix entry: [{string.Join(", ", hubMethods.Except(HubMethods.Keys).Order())}]; " +
            $"entries naming no hub method: [{string.Join(", ", HubMethods.Keys.Except(hubMethods).Order())}].");
    }

    private static string Normalize(string pattern) => "/" + string.Join('/', pattern.Split('/', StringSplitOptions.RemoveEmptyEntries));

    [Theory]
    [MemberData(nameof(HttpCells))]
    public async Task Endpoint_AnswersAsTheCallersRoleAndPermissionAllow(string endpoint, string variant, string caller)
    {
        var who = Enum.Parse<MatrixCaller>(caller);
        var @case = Endpoints[endpoint].Single(c => c.Variant == variant);
        var cell = new MatrixCell(fixture, who);
        var expected = Expected.For(@case.Needs, who, @case.Success);
        using var http = fixture.Server.CreateHttpClient(cell.Key);
        using var request = await @case.Build(cell);

        using var response = await http.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected.Status == response.StatusCode,
            $"{endpoint} ({variant}) as {caller}: expected {(int)expected.Status} {expected.Status}, got {(int)response.StatusCode}: {body}");
        if (expected.Detail is { } detail)
        {
            Assert.Contains(detail, await RefusalMessageAsync(response));
            if (expected.Status == HttpStatusCode.Unauthorized) Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
        }
        else if (@case.CheckSuccess is { } check)
        {
            await check(cell, response);
        }
    }

    /// <summary>
    /// What a refusal says: the problem document's detail, or the message of MLflow's <c>{"error_code","message"}</c>
    /// (MLflow's routes answer in MLflow's format).
    /// </summary>
    private static async Task<string> RefusalMessageAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json") return await DetailAsync(response);
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.True(body.TryGetProperty("error_code", out _), $"A refusal is problem details or MLflow's error body: {body}");
        return body.GetProperty("message").GetString() ?? "";
    }

    [Theory]
    [MemberData(nameof(HubCells))]
    public async Task HubMethod_AnswersAsTheCallersRoleAndPermissionAllow(string method, string caller)
    {
        var who = Enum.Parse<MatrixCaller>(caller);
        var @case = HubMethods[method];
        var cell = new MatrixCell(fixture, who);
        var expected = Expected.For(@case.Needs, who, HttpStatusCode.OK);
        await using var hub = fixture.Server.CreateHubConnection(messagePack: false, cell.Key);

        if (who == MatrixCaller.Anonymous)
        {
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            return;
        }
        await hub.StartAsync();
        if (expected.Status == HttpStatusCode.OK)
        {
            await @case.Invoke(cell, hub);
        }
        else
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => @case.Invoke(cell, hub));
            Assert.Contains(expected.Detail!, refused.Message);
        }
    }

    /// <summary>Page routes the app lists, with sample values for their parameters.</summary>
    private static IEnumerable<(string Template, string Path, Type Page)> PageRoutes() =>
        typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<ComponentRoute>().Select(r => (r.Template, Page: t)))
            .Select(r => (r.Template, Path: SamplePath(r.Template), r.Page));

    private static string SamplePath(string template) => string.Join('/', template.Split('/').Select(segment => segment switch
    {
        "{RunId}" => "0123456789abcdef0123456789abcdef",
        ['{', ..] => "1",
        _ => segment,
    }));

    private static readonly string[] PublicPages = ["/signin", "/not-found", "/forbidden", "/Error"];

    private static bool IsPublic(string template) =>
        PublicPages.Contains(template, StringComparer.OrdinalIgnoreCase) || template.StartsWith("/status/", StringComparison.OrdinalIgnoreCase);

    private static bool NeedsAdmin(Type page) =>
        page.GetCustomAttributes<AuthorizeAttribute>().Any(a => (a.Roles ?? "").Split(',').Select(r => r.Trim()).Contains(Roles.Admin));

    [Fact]
    public async Task EveryPageButThePublicOnes_AnonymousGet_RedirectsToSignIn()
    {
        var pages = PageRoutes().Where(p => !IsPublic(p.Template)).ToList();
        Assert.Contains(pages, p => p.Template == "/");
        using var http = CookieClient(fixture.Server);
        var failures = new List<string>();

        foreach (var (template, path, _) in pages)
        {
            using var response = await http.GetAsync(path.TrimStart('/'));
            var location = response.Headers.Location;
            var returnUrl = location is null ? null : Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query).GetValueOrDefault("returnUrl").ToString();
            if (response.StatusCode != HttpStatusCode.Redirect || location?.AbsolutePath != "/signin" || returnUrl != path)
                failures.Add($"{template}: {(int)response.StatusCode} → {location}");
        }

        Assert.True(failures.Count == 0, "Pages answering an anonymous visitor with something else than a redirect to /signin?returnUrl=<page>:\n" + string.Join("\n", failures));
        // The public pages stay public.
        using var signIn = await http.GetAsync("signin");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task AdminPages_CarryTheAdminRole_AndAViewerSignedInWithACookieIsForbidden()
    {
        var pages = PageRoutes().ToList();
        // Anything under /admin is an admin page and must say so.
        var unmarked = pages.Where(p => p.Template.StartsWith("/admin", StringComparison.OrdinalIgnoreCase) && !NeedsAdmin(p.Page)).ToList();
        Assert.True(unmarked.Count == 0, $"Admin pages without [Authorize(Roles = Roles.Admin)]: {string.Join(", ", unmarked.Select(p => p.Template))}");
        var viewer = fixture.UserOf(MatrixCaller.Viewer)!;
        using var asViewer = await SignInWithCookieAsync(fixture.Server, viewer.Email, viewer.Password);
        using var asAdmin = await SignInWithCookieAsync(fixture.Server, FinSightServer.AdminEmail, FinSightServer.AdminPassword);

        // The cookie works: the viewer sees the overview.
        using (var overview = await asViewer.GetAsync(""))
            Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        foreach (var (template, path, _) in pages.Where(p => NeedsAdmin(p.Page)))
        {
            using var forbidden = await asViewer.GetAsync(path.TrimStart('/'));
            Assert.True(forbidden.StatusCode == HttpStatusCode.Forbidden, $"{template} as a Viewer answered {(int)forbidden.StatusCode}.");
            Assert.Contains("page-forbidden", await forbidden.Content.ReadAsStringAsync());
            using var allowed = await asAdmin.GetAsync(path.TrimStart('/'));
            Assert.True(allowed.StatusCode == HttpStatusCode.OK, $"{template} as the admin answered {(int)allowed.StatusCode}.");
        }
    }
}
