using System.Net;
using System.Text.Json;
using Xunit;

namespace FinSight.Tests.Integration.Mlflow;

/// <summary>MLflow's experiment routes, with the shapes MLflow's Python client sends and parses.</summary>
public sealed class MlflowExperimentsApiTests : IAsyncLifetime
{
    private FinSightServer _server = null!;
    private MlflowCalls _mlflow = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await FinSightServer.StartAsync();
        _mlflow = new MlflowCalls(_server.CreateHttpClient());
    }

    public async ValueTask DisposeAsync()
    {
        _mlflow.Http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Create_ThenGetAndGetByName_AnswerMlflowsExperiment()
    {
        var id = (await _mlflow.PostAsync("experiments/create", new
        {
            name = "fx-forecast", artifact_location = "s3://ignored", tags = new[] { new { key = "team", value = "fx" } },
        })).AssertOk().Body.GetProperty("experiment_id").GetString()!;

        var byId = (await _mlflow.GetAsync($"experiments/get?experiment_id={id}")).AssertOk().Body.GetProperty("experiment");
        var byName = (await _mlflow.GetAsync("experiments/get-by-name?experiment_name=fx-forecast")).AssertOk().Body.GetProperty("experiment");
        Assert.Equal(byId.GetRawText(), byName.GetRawText());
        Assert.Equal(JsonValueKind.String, byId.GetProperty("experiment_id").ValueKind);
        Assert.Equal("fx-forecast", byId.GetProperty("name").GetString());
        Assert.Equal($"mlflow-artifacts:/{id}", byId.GetProperty("artifact_location").GetString());
        Assert.Equal("active", byId.GetProperty("lifecycle_stage").GetString());
        Assert.True(byId.GetProperty("creation_time").GetInt64() > 1_600_000_000_000);
        Assert.True(byId.GetProperty("last_update_time").GetInt64() >= byId.GetProperty("creation_time").GetInt64());
        Assert.Equal("team=fx", string.Join(",", byId.GetProperty("tags").EnumerateArray().Select(t => $"{t.GetProperty("key").GetString()}={t.GetProperty("value").GetString()}")));
    }

    [Fact]
    public async Task Create_TakenName_IsResourceAlreadyExists()
    {
        await _mlflow.CreateExperimentAsync("taken");

        var answer = (await _mlflow.PostAsync("experiments/create", new { name = "taken" })).AssertError(HttpStatusCode.BadRequest, "RESOURCE_ALREADY_EXISTS");

        Assert.Contains("taken", answer.Message);
    }

    [Fact]
    public async Task Create_WithoutName_IsInvalidParameterValueNamingIt()
    {
        var answer = (await _mlflow.PostAsync("experiments/create", "{}")).AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");

        Assert.Contains("'name'", answer.Message);
    }

    [Fact]
    public async Task Get_UnknownIdOrName_IsResourceDoesNotExist()
    {
        (await _mlflow.GetAsync("experiments/get?experiment_id=424242")).AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        (await _mlflow.GetAsync("experiments/get-by-name?experiment_name=nobody")).AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
    }

    [Fact]
    public async Task ExperimentZero_IsTheDefaultExperiment_CreatedWithItsFirstRun()
    {
        (await _mlflow.GetAsync("experiments/get?experiment_id=0")).AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");

        var run = (await _mlflow.PostAsync("runs/create", new { experiment_id = "0", run_name = "no experiment chosen", start_time = 1L })).AssertOk();

        var experiment = (await _mlflow.GetAsync("experiments/get?experiment_id=0")).AssertOk().Body.GetProperty("experiment");
        Assert.Equal("Default", experiment.GetProperty("name").GetString());
        Assert.Equal(experiment.GetProperty("experiment_id").GetString(), run.Body.GetProperty("run").GetProperty("info").GetProperty("experiment_id").GetString());
    }

    [Fact]
    public async Task Search_FiltersOrdersAndPages()
    {
        foreach (var name in new[] { "search-b", "search-a", "search-c", "elsewhere" }) await _mlflow.CreateExperimentAsync(name);

        var names = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var body = (await _mlflow.PostAsync("experiments/search", new { filter = "name LIKE 'search-%'", order_by = new[] { "name ASC" }, max_results = 2, page_token = token }))
                .AssertOk().Body;
            names.AddRange(body.GetProperty("experiments").EnumerateArray().Select(e => e.GetProperty("name").GetString()!));
            token = body.TryGetProperty("next_page_token", out var next) ? next.GetString() : null;
            pages++;
        } while (token is not null);

        Assert.Equal(["search-a", "search-b", "search-c"], names);
        Assert.Equal(2, pages);
        var byQuery = (await _mlflow.GetAsync("experiments/search?filter=name%20%3D%20'elsewhere'&max_results=10")).AssertOk().Body;
        Assert.Equal("elsewhere", Assert.Single(byQuery.GetProperty("experiments").EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Search_BadFilterOrToken_IsInvalidParameterValue()
    {
        (await _mlflow.PostAsync("experiments/search", new { filter = "name ~ 'x'" })).AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        (await _mlflow.PostAsync("experiments/search", new { page_token = "not-a-token" })).AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        (await _mlflow.PostAsync("experiments/search", new { max_results = 50_001 })).AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task Update_Renames_AndDeleteRestoreMoveItBetweenViews()
    {
        var id = await _mlflow.CreateExperimentAsync("before");

        (await _mlflow.PostAsync("experiments/update", new { experiment_id = id, new_name = "after" })).AssertOk();
        (await _mlflow.PostAsync("experiments/delete", new { experiment_id = id })).AssertOk();

        Assert.Equal("deleted", (await _mlflow.GetAsync($"experiments/get?experiment_id={id}")).AssertOk().Body.GetProperty("experiment").GetProperty("lifecycle_stage").GetString());
        Assert.DoesNotContain("after", await SearchNamesAsync("ACTIVE_ONLY"));
        Assert.Contains("after", await SearchNamesAsync("DELETED_ONLY"));
        (await _mlflow.PostAsync("experiments/restore", new { experiment_id = id })).AssertOk();
        Assert.Contains("after", await SearchNamesAsync("ACTIVE_ONLY"));
    }

    [Fact]
    public async Task SetAndDeleteExperimentTag_ShowInGet_AndAnAbsentTagIsNotFound()
    {
        var id = await _mlflow.CreateExperimentAsync("tagged");

        (await _mlflow.PostAsync("experiments/set-experiment-tag", new { experiment_id = id, key = "owner team", value = "risk" })).AssertOk();
        var tags = (await _mlflow.GetAsync($"experiments/get?experiment_id={id}")).AssertOk().Body.GetProperty("experiment").GetProperty("tags");
        Assert.Contains(tags.EnumerateArray(), t => t.GetProperty("key").GetString() == "owner team" && t.GetProperty("value").GetString() == "risk");
        var filtered = (await _mlflow.PostAsync("experiments/search", new { filter = "tags.`owner team` = 'risk'" })).AssertOk().Body.GetProperty("experiments");
        Assert.Equal(id, Assert.Single(filtered.EnumerateArray()).GetProperty("experiment_id").GetString());

        (await _mlflow.PostAsync("experiments/delete-experiment-tag", new { experiment_id = id, key = "owner team" })).AssertOk();
        (await _mlflow.PostAsync("experiments/delete-experiment-tag", new { experiment_id = id, key = "owner team" })).AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
    }

    private async Task<List<string>> SearchNamesAsync(string viewType) =>
        (await _mlflow.PostAsync("experiments/search", new { view_type = viewType })).AssertOk().Body.GetProperty("experiments")
        .EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToList();
}
