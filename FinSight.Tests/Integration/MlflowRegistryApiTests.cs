using System.Net;
using System.Text.Json;
using FinSight.Core.Access;
using FinSight.Core.Contracts;
using FinSight.Dashboard.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static FinSight.Tests.Integration.AccessTestUsers;

namespace FinSight.Tests.Integration;

/// <summary>
/// The model registry through MLflow's REST API, with the requests MLflow's Python client sends (JSON bodies for POST,
/// PATCH and DELETE, query strings for GET) and MLflow's answers and error codes.
/// </summary>
public sealed class MlflowRegistryApiTests : IAsyncLifetime
{
    private const string Api = "api/2.0/mlflow/";
    private FinSightServer _server = null!;
    private string _experimentId = "";
    private string _runId = "";

    public async ValueTask InitializeAsync()
    {
        _server = await FinSightServer.StartAsync();
        _experimentId = await CreateExperimentAsync(_server, "registry");
        _runId = await NewRunAsync(_experimentId);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Lifecycle_CreateVersionAliasStageSearchDescribeTagDelete_AsMlflowDoes()
    {
        const string name = "fx-forecaster";
        var (status, created) = await CallAsync(HttpMethod.Post, "registered-models/create",
            new { name, description = "EUR/USD one-day forecaster", tags = new[] { new { key = "team", value = "rates" } } });
        Assert.Equal(HttpStatusCode.OK, status);
        var model = created.GetProperty("registered_model");
        Assert.Equal(name, model.GetProperty("name").GetString());
        Assert.Equal("EUR/USD one-day forecaster", model.GetProperty("description").GetString());
        Assert.Equal("rates", Tag(model, "team"));
        Assert.True(model.GetProperty("creation_timestamp").GetInt64() > 1_700_000_000_000);

        // Versions 1 and 2 from the run: by runs:/ with run_id, and by the proxied artifact URI alone.
        var v1 = (await OkAsync(HttpMethod.Post, "model-versions/create", new { name, source = $"runs:/{_runId}/model", run_id = _runId })).GetProperty("model_version");
        Assert.Equal("1", v1.GetProperty("version").GetString()); // a string in MLflow's JSON
        Assert.Equal(_runId, v1.GetProperty("run_id").GetString());
        Assert.Equal("None", v1.GetProperty("current_stage").GetString());
        Assert.Equal("READY", v1.GetProperty("status").GetString());
        var v2 = (await OkAsync(HttpMethod.Post, "model-versions/create",
            new { name, source = $"mlflow-artifacts:/{_experimentId}/{_runId}/artifacts/model", description = "retrained" })).GetProperty("model_version");
        Assert.Equal("2", v2.GetProperty("version").GetString());
        Assert.Equal(_runId, v2.GetProperty("run_id").GetString());

        // champion → 1, then moved to 2: one alias, one version.
        Assert.Equal("{}", (await OkAsync(HttpMethod.Post, "registered-models/alias", new { name, alias = "champion", version = "1" })).GetRawText());
        Assert.Equal("1", (await OkAsync(HttpMethod.Get, $"registered-models/alias?name={name}&alias=champion")).GetProperty("model_version").GetProperty("version").GetString());
        await OkAsync(HttpMethod.Post, "registered-models/alias", new { name, alias = "champion", version = "2" });
        var byAlias = (await OkAsync(HttpMethod.Get, $"registered-models/alias?name={name}&alias=champion")).GetProperty("model_version");
        Assert.Equal("2", byAlias.GetProperty("version").GetString());
        Assert.Equal(["champion"], byAlias.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.Empty((await VersionAsync(name, 1)).GetProperty("aliases").EnumerateArray());
        var aliases = (await ModelAsync(name)).GetProperty("aliases").EnumerateArray().ToList();
        Assert.Equal(("champion", "2"), (Assert.Single(aliases).GetProperty("alias").GetString(), aliases[0].GetProperty("version").GetString()));

        // Stages: 1 to Production, then 2 to Production archiving 1.
        await OkAsync(HttpMethod.Post, "model-versions/transition-stage", new { name, version = "1", stage = "production", archive_existing_versions = false });
        var moved = (await OkAsync(HttpMethod.Post, "model-versions/transition-stage", new { name, version = "2", stage = "Production", archive_existing_versions = true }))
            .GetProperty("model_version");
        Assert.Equal("Production", moved.GetProperty("current_stage").GetString());
        Assert.Equal("Archived", (await VersionAsync(name, 1)).GetProperty("current_stage").GetString());
        var latest = (await OkAsync(HttpMethod.Post, "registered-models/get-latest-versions", new { name, stages = new[] { "Production" } })).GetProperty("model_versions");
        Assert.Equal(["2"], latest.EnumerateArray().Select(v => v.GetProperty("version").GetString()));
        Assert.Equal(["Production", "Archived"], (await ModelAsync(name)).GetProperty("latest_versions").EnumerateArray().Select(v => v.GetProperty("current_stage").GetString()));

        // Search with a filter, one result per page.
        await OkAsync(HttpMethod.Post, "registered-models/create", new { name = "fx-carry" });
        await OkAsync(HttpMethod.Post, "registered-models/create", new { name = "credit-risk" });
        var first = await OkAsync(HttpMethod.Get, "registered-models/search?filter=" + Uri.EscapeDataString("name LIKE '%fx%'") + "&max_results=1");
        Assert.Equal(["fx-carry"], Names(first, "registered_models"));
        var token = first.GetProperty("next_page_token").GetString();
        var second = await OkAsync(HttpMethod.Get, "registered-models/search?filter=" + Uri.EscapeDataString("name LIKE '%fx%'") + $"&max_results=1&page_token={Uri.EscapeDataString(token!)}");
        Assert.Equal(["fx-forecaster"], Names(second, "registered_models"));
        Assert.False(second.TryGetProperty("next_page_token", out _));
        var descending = await OkAsync(HttpMethod.Get, "registered-models/search?order_by=name%20DESC");
        Assert.Equal(["fx-forecaster", "fx-carry", "credit-risk"], Names(descending, "registered_models"));
        var ofRun = await OkAsync(HttpMethod.Get, "model-versions/search?filter=" + Uri.EscapeDataString($"run_id = '{_runId}'"));
        Assert.Equal(["2", "1"], ofRun.GetProperty("model_versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()));

        // Descriptions and tags.
        var updated = (await OkAsync(HttpMethod.Patch, "registered-models/update", new { name, description = "EUR/USD, hourly" })).GetProperty("registered_model");
        Assert.Equal("EUR/USD, hourly", updated.GetProperty("description").GetString());
        var versionUpdated = (await OkAsync(HttpMethod.Patch, "model-versions/update", new { name, version = "2", description = "hourly features" })).GetProperty("model_version");
        Assert.Equal("hourly features", versionUpdated.GetProperty("description").GetString());
        await OkAsync(HttpMethod.Post, "registered-models/set-tag", new { name, key = "owner", value = "desk-7" });
        await OkAsync(HttpMethod.Delete, "registered-models/delete-tag", new { name, key = "team" });
        Assert.Equal(["owner"], (await ModelAsync(name)).GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("key").GetString()));
        await OkAsync(HttpMethod.Post, "model-versions/set-tag", new { name, version = "2", key = "validated", value = "true" });
        Assert.Equal("true", Tag(await VersionAsync(name, 2), "validated"));
        await OkAsync(HttpMethod.Delete, "model-versions/delete-tag", new { name, version = "2", key = "validated" });
        Assert.Empty((await VersionAsync(name, 2)).GetProperty("tags").EnumerateArray());

        // Deleting version 2 takes its alias with it; its number is not given out again.
        await OkAsync(HttpMethod.Delete, "model-versions/delete", new { name, version = "2" });
        await AssertErrorAsync(await CallAsync(HttpMethod.Get, $"registered-models/alias?name={name}&alias=champion"), HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", "alias champion not found");
        Assert.Empty((await ModelAsync(name)).GetProperty("aliases").EnumerateArray());
        await AssertErrorAsync(await CallAsync(HttpMethod.Get, $"model-versions/get?name={name}&version=2"), HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", "version=2) not found");
        var v3 = (await OkAsync(HttpMethod.Post, "model-versions/create", new { name, source = $"runs:/{_runId}/model" })).GetProperty("model_version");
        Assert.Equal("3", v3.GetProperty("version").GetString());

        await OkAsync(HttpMethod.Delete, "registered-models/delete", new { name });
        await AssertErrorAsync(await CallAsync(HttpMethod.Get, $"registered-models/get?name={name}"), HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", $"name={name} not found");
        Assert.Empty((await OkAsync(HttpMethod.Get, "model-versions/search?filter=" + Uri.EscapeDataString($"name = '{name}'"))).GetProperty("model_versions").EnumerateArray());
    }

    [Fact]
    public async Task DownloadUri_RunsSource_ResolvedToTheRunsArtifactLocation()
    {
        // MLflow clients download a runs:/ version from where its run's artifacts are, not from the runs:/ text.
        await OkAsync(HttpMethod.Post, "registered-models/create", new { name = "from-run" });
        await OkAsync(HttpMethod.Post, "model-versions/create", new { name = "from-run", source = $"runs:/{_runId}/model", run_id = _runId });

        var answer = await OkAsync(HttpMethod.Get, "model-versions/get-download-uri?name=from-run&version=1");

        Assert.Equal($"mlflow-artifacts:/{_experimentId}/{_runId}/artifacts/model", answer.GetProperty("artifact_uri").GetString());
    }

    [Fact]
    public async Task DownloadUri_SourceOutsideTheRunsArtifacts_AnsweredAsGiven()
    {
        await OkAsync(HttpMethod.Post, "registered-models/create", new { name = "download" });
        await OkAsync(HttpMethod.Post, "model-versions/create", new { name = "download", source = "s3://models/download/1", run_id = _runId });

        var answer = await OkAsync(HttpMethod.Get, "model-versions/get-download-uri?name=download&version=1");

        Assert.Equal("s3://models/download/1", answer.GetProperty("artifact_uri").GetString());
    }

    [Fact]
    public async Task Errors_AnsweredWithMlflowsCodesAndStatuses()
    {
        await OkAsync(HttpMethod.Post, "registered-models/create", new { name = "taken" });

        await AssertErrorAsync(await CallAsync(HttpMethod.Post, "registered-models/create", new { name = "taken" }),
            HttpStatusCode.BadRequest, "RESOURCE_ALREADY_EXISTS", "Registered model (name=taken) already exists");
        await AssertErrorAsync(await CallAsync(HttpMethod.Post, "registered-models/create", new { name = "" }),
            HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "name is required");
        await AssertErrorAsync(await CallAsync(HttpMethod.Get, "registered-models/get?name=missing"),
            HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", "Registered Model with name=missing not found");
        await AssertErrorAsync(await CallAsync(HttpMethod.Post, "model-versions/create", new { name = "missing", source = $"runs:/{_runId}/model" }),
            HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", "name=missing not found");
        await AssertErrorAsync(await CallAsync(HttpMethod.Post, "model-versions/create", new { name = "taken", source = $"runs:/{new string('0', 32)}/model" }),
            HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", $"Run '{new string('0', 32)}' does not exist");
        await AssertErrorAsync(await CallAsync(HttpMethod.Post, "model-versions/create", new { name = "taken", source = "s3://bucket/model" }),
            HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "names no run; give run_id");
        await AssertErrorAsync(await CallAsync(HttpMethod.Post, "model-versions/create", new { name = "taken", source = $"runs:/{_runId}/model", run_id = new string('1', 32) }),
            HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "does not match the run in source");
        await OkAsync(HttpMethod.Post, "model-versions/create", new { name = "taken", source = $"runs:/{_runId}/model" });
        await AssertErrorAsync(await CallAsync(HttpMethod.Post, "registered-models/alias", new { name = "taken", alias = "latest", version = "1" }),
            HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "'latest' (in any case) is reserved");
        await AssertErrorAsync(await CallAsync(HttpMethod.Post, "registered-models/alias", new { name = "taken", alias = "champion", version = "7" }),
            HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", "version=7) not found");
        await AssertErrorAsync(await CallAsync(HttpMethod.Post, "model-versions/transition-stage", new { name = "taken", version = "1", stage = "Prod" }),
            HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "stage 'Prod' is not a stage; use one of None, Staging, Production, Archived");
        await AssertErrorAsync(await CallAsync(HttpMethod.Get, "model-versions/get?name=taken&version=one"),
            HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "version 'one' is not a model version");
        await AssertErrorAsync(await CallAsync(HttpMethod.Get, "registered-models/search?filter=" + Uri.EscapeDataString("owner = 'x'")),
            HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "'owner' is not a field you can search on");
        await AssertErrorAsync(await CallAsync(HttpMethod.Get, "registered-models/search?page_token=bogus"),
            HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "is not a page token");
        await AssertErrorAsync(await CallAsync(HttpMethod.Delete, "registered-models/alias", new { name = "taken", alias = "nobody" }),
            HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", "has no alias 'nobody'");
    }

    [Fact]
    public async Task Viewer_ReadsButCannotChangeTheRegistry_PermissionDenied()
    {
        await OkAsync(HttpMethod.Post, "registered-models/create", new { name = "shared" });
        var viewer = await CreateAsync(_server, Roles.Viewer);

        Assert.Equal("shared", (await OkAsync(HttpMethod.Get, "registered-models/get?name=shared", key: viewer.Key)).GetProperty("registered_model").GetProperty("name").GetString());
        await AssertErrorAsync(await CallAsync(HttpMethod.Post, "registered-models/create", new { name = "mine" }, viewer.Key),
            HttpStatusCode.Forbidden, "PERMISSION_DENIED", "needs the Researcher or Admin role");
        await AssertErrorAsync(await CallAsync(HttpMethod.Post, "registered-models/alias", new { name = "shared", alias = "champion", version = "1" }, viewer.Key),
            HttpStatusCode.Forbidden, "PERMISSION_DENIED", "needs the Researcher or Admin role");
        await AssertErrorAsync(await CallAsync(HttpMethod.Get, "registered-models/get?name=mine"), HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", "not found");
    }

    [Fact]
    public async Task CreateVersion_FromARunTheCallerCannotRead_PermissionDeniedAndNothingRegistered()
    {
        var researcher = await CreateAsync(_server, Roles.Researcher);
        await GrantAsync(_server, _experimentId, researcher, PermissionLevel.NoPermissions);
        await OkAsync(HttpMethod.Post, "registered-models/create", new { name = "theirs" }, researcher.Key);

        var refused = await CallAsync(HttpMethod.Post, "model-versions/create", new { name = "theirs", source = $"runs:/{_runId}/model" }, researcher.Key);

        await AssertErrorAsync(refused, HttpStatusCode.Forbidden, "PERMISSION_DENIED", $"You need READ permission on experiment {_experimentId}");
        Assert.Empty((await ModelAsync("theirs")).GetProperty("latest_versions").EnumerateArray());
    }

    [Fact]
    public async Task CreateVersion_ConcurrentRegistrations_EachGetsItsOwnNumber()
    {
        await OkAsync(HttpMethod.Post, "registered-models/create", new { name = "busy" });

        var versions = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
            (await OkAsync(HttpMethod.Post, "model-versions/create", new { name = "busy", source = $"runs:/{_runId}/model" })).GetProperty("model_version").GetProperty("version").GetString()));

        Assert.Equal(Enumerable.Range(1, 12), versions.Select(v => int.Parse(v!)).Order());
    }

    [Fact]
    public async Task DemoModel_RegisteredTwice_OneModelTwoVersionsChampionOnTheNewest()
    {
        using var http = _server.CreateHttpClient();

        Assert.Equal("models:/demo-ranker@champion", await FinSight.Dashboard.Demo.DemoModel.RegisterAsync(http, _runId, CancellationToken.None));
        await FinSight.Dashboard.Demo.DemoModel.RegisterAsync(http, _runId, CancellationToken.None);

        var model = await ModelAsync("demo-ranker");
        Assert.Equal(("champion", "2"), (Assert.Single(model.GetProperty("aliases").EnumerateArray()).GetProperty("alias").GetString(),
            model.GetProperty("aliases")[0].GetProperty("version").GetString()));
        Assert.Equal(_runId, (await VersionAsync("demo-ranker", 1)).GetProperty("run_id").GetString());
    }

    private async Task<string> NewRunAsync(string experimentId) =>
        (await _server.Services.GetRequiredService<IngestionService>().StartRunAsync(_server.Admin, new StartRunRequest { ExperimentId = experimentId, RunName = "trainer" })).RunId;

    private async Task<JsonElement> ModelAsync(string name) => (await OkAsync(HttpMethod.Get, $"registered-models/get?name={Uri.EscapeDataString(name)}")).GetProperty("registered_model");

    private async Task<JsonElement> VersionAsync(string name, int version) => (await OkAsync(HttpMethod.Get, $"model-versions/get?name={name}&version={version}")).GetProperty("model_version");

    private static string? Tag(JsonElement entity, string key) =>
        entity.GetProperty("tags").EnumerateArray().Where(t => t.GetProperty("key").GetString() == key).Select(t => t.GetProperty("value").GetString()).FirstOrDefault();

    private static List<string?> Names(JsonElement answer, string property) =>
        answer.GetProperty(property).EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToList();

    private async Task<JsonElement> OkAsync(HttpMethod method, string path, object? body = null, string? key = FinSightServer.AdminKey)
    {
        var (status, answer) = await CallAsync(method, path, body, key);
        Assert.True(status == HttpStatusCode.OK, $"{method} {path} answered {(int)status}: {answer}");
        return answer;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> CallAsync(HttpMethod method, string path, object? body = null, string? key = FinSightServer.AdminKey)
    {
        using var http = _server.CreateHttpClient(key);
        using var request = new HttpRequestMessage(method, Api + path);
        if (body is not null) request.Content = new StringContent(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text.Length == 0 ? "null" : text).RootElement.Clone());
    }

    private static Task AssertErrorAsync((HttpStatusCode Status, JsonElement Body) answer, HttpStatusCode status, string code, string message)
    {
        Assert.True(answer.Status == status, $"expected {(int)status}, got {(int)answer.Status}: {answer.Body}");
        Assert.Equal(code, answer.Body.GetProperty("error_code").GetString());
        Assert.Contains(message, answer.Body.GetProperty("message").GetString());
        return Task.CompletedTask;
    }
}
