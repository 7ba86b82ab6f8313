using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FinSight.Core.Access;
using FinSight.Dashboard.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static FinSight.Tests.Integration.AccessTestUsers;

namespace FinSight.Tests.Integration.Mlflow;

/// <summary>The MLflow tracking routes in the authorization matrix: the same rules as /api/v1, refusals in MLflow's error body.</summary>
public static class MlflowMatrixEntries
{
    private const string Prefix = "/api/2.0/mlflow/";
    private static readonly Need Read = Need.Permission(PermissionLevel.Read);
    private static readonly Need Edit = Need.Permission(PermissionLevel.Edit);
    private static readonly Need Manage = Need.Permission(PermissionLevel.Manage);

    public static IEnumerable<KeyValuePair<string, EndpointCase[]>> Endpoints() =>
    [
        Entry("POST", "experiments/create", new("create", [Need.CreatorRole], HttpStatusCode.OK,
            _ => Post("experiments/create", new { name = MatrixCell.Unique("mlflow") }), HasProperty("experiment_id"))),
        Entry("GET", "experiments/get", new("get", [Read], HttpStatusCode.OK,
            cell => Get($"experiments/get?experiment_id={cell.ExperimentId}"), HasProperty("experiment"))),
        Entry("GET", "experiments/get-by-name", new("get", [Read], HttpStatusCode.OK,
            cell => Get($"experiments/get-by-name?experiment_name={cell.Fixture.ExperimentName}"), HasProperty("experiment"))),
        Entry("POST", "experiments/search", new("search", [Need.SignedIn], HttpStatusCode.OK,
            _ => Post("experiments/search", new { max_results = 1000 }), ListsTheExperimentWhenReadable)),
        Entry("GET", "experiments/search", new("search", [Need.SignedIn], HttpStatusCode.OK,
            _ => Get("experiments/search?max_results=1000"), ListsTheExperimentWhenReadable)),
        // Renaming to its own name changes nothing the other cells rely on.
        Entry("POST", "experiments/update", new("rename", [Edit], HttpStatusCode.OK,
            cell => Post("experiments/update", new { experiment_id = cell.ExperimentId, new_name = cell.Fixture.ExperimentName }))),
        Entry("POST", "experiments/delete", new("delete", [Manage], HttpStatusCode.OK,
            async cell => await Post("experiments/delete", new { experiment_id = await NewExperimentAsync(cell, deleted: false) }))),
        Entry("POST", "experiments/restore", new("restore", [Manage], HttpStatusCode.OK,
            async cell => await Post("experiments/restore", new { experiment_id = await NewExperimentAsync(cell, deleted: true) }))),
        Entry("POST", "experiments/set-experiment-tag", new("tag", [Edit], HttpStatusCode.OK,
            cell => Post("experiments/set-experiment-tag", new { experiment_id = cell.ExperimentId, key = "matrix", value = cell.Caller.ToString() }))),
        Entry("POST", "experiments/delete-experiment-tag", new("untag", [Edit], HttpStatusCode.OK, async cell =>
        {
            await cell.Fixture.Server.Services.GetRequiredService<IngestionService>()
                .SetExperimentTagAsync(cell.Fixture.Server.Admin, cell.ExperimentId, $"to-delete-{cell.Caller}", "x");
            return await Post("experiments/delete-experiment-tag", new { experiment_id = cell.ExperimentId, key = $"to-delete-{cell.Caller}" });
        })),
        Entry("POST", "runs/create", new("create", [Edit], HttpStatusCode.OK,
            cell => Post("runs/create", new { experiment_id = cell.ExperimentId, run_name = "matrix", start_time = 1L }), HasProperty("run"))),
        Entry("GET", "runs/get", new("get", [Read], HttpStatusCode.OK, async cell => await Get($"runs/get?run_id={await cell.NewRunAsync()}"), HasProperty("run"))),
        Entry("POST", "runs/update", new("finish", [Edit], HttpStatusCode.OK,
            async cell => await Post("runs/update", new { run_id = await cell.NewRunAsync(), status = "FINISHED", end_time = 2L }), HasProperty("run_info"))),
        Entry("POST", "runs/delete", new("delete", [Manage], HttpStatusCode.OK, async cell => await Post("runs/delete", new { run_id = await cell.NewRunAsync() }))),
        Entry("POST", "runs/restore", new("restore", [Manage], HttpStatusCode.OK, async cell =>
        {
            var runId = await cell.NewRunAsync();
            await cell.Fixture.Server.Services.GetRequiredService<IngestionService>().DeleteRunAsync(cell.Fixture.Server.Admin, runId);
            return await Post("runs/restore", new { run_id = runId });
        })),
        Entry("POST", "runs/search", new("search", [Read], HttpStatusCode.OK, async cell =>
        {
            await cell.NewRunAsync();
            return await Post("runs/search", new { experiment_ids = new[] { cell.ExperimentId }, filter = "metrics.loss = 0.5" });
        }, async (_, response) => Assert.NotEmpty((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runs").EnumerateArray()))),
        Entry("POST", "runs/log-batch", new("log", [Edit], HttpStatusCode.OK, async cell => await Post("runs/log-batch",
            new { run_id = await cell.NewRunAsync(), metrics = new[] { new { key = "loss", value = 0.25, timestamp = 1L, step = 1L } } }))),
        Entry("POST", "runs/log-metric", new("log", [Edit], HttpStatusCode.OK, async cell => await Post("runs/log-metric",
            new { run_id = await cell.NewRunAsync(), key = "loss", value = 0.25, timestamp = 1L, step = 1L }))),
        Entry("POST", "runs/log-parameter", new("log", [Edit], HttpStatusCode.OK, async cell => await Post("runs/log-parameter",
            new { run_id = await cell.NewRunAsync(), key = "lr", value = "0.1" }))),
        Entry("POST", "runs/set-tag", new("tag", [Edit], HttpStatusCode.OK, async cell => await Post("runs/set-tag",
            new { run_id = await cell.NewRunAsync(), key = "team", value = "fx" }))),
        Entry("POST", "runs/delete-tag", new("untag", [Edit], HttpStatusCode.OK, async cell =>
        {
            var runId = await cell.NewRunAsync();
            await cell.Fixture.Server.Services.GetRequiredService<IngestionService>().SetTagsAsync(cell.Fixture.Server.Admin,
                new() { RunId = runId, Tags = [new("team", "fx")] });
            return await Post("runs/delete-tag", new { run_id = runId, key = "team" });
        })),
        Entry("POST", "runs/log-inputs", new("accept", [Edit], HttpStatusCode.OK, async cell => await Post("runs/log-inputs", new { run_id = await cell.NewRunAsync() }))),
        Entry("POST", "runs/log-model", new("accept", [Edit], HttpStatusCode.OK, async cell => await Post("runs/log-model", new { run_id = await cell.NewRunAsync(), model_json = "{}" }))),
        Entry("POST", "runs/outputs", new("accept", [Edit], HttpStatusCode.OK, async cell => await Post("runs/outputs", new { run_id = await cell.NewRunAsync() }))),
        Entry("GET", "metrics/get-history", new("history", [Read], HttpStatusCode.OK,
            async cell => await Get($"metrics/get-history?run_id={await cell.NewRunAsync()}&metric_key=loss"),
            async (_, response) => Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("metrics").EnumerateArray()))),
        Entry("ANY", "{**path}", new("unknown route", [Need.SignedIn], HttpStatusCode.NotFound, _ => Get("no/such-endpoint"),
            async (_, response) => Assert.Equal("ENDPOINT_NOT_FOUND", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_code").GetString()))),
    ];

    private static KeyValuePair<string, EndpointCase[]> Entry(string method, string route, EndpointCase @case) => new($"{method} {Prefix}{route}", [@case]);

    private static Task<HttpRequestMessage> Get(string route) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, "api/2.0/mlflow/" + route));

    private static Task<HttpRequestMessage> Post(string route, object body) =>
        Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "api/2.0/mlflow/" + route) { Content = JsonContent.Create(body) });

    private static Func<MatrixCell, HttpResponseMessage, Task> HasProperty(string name) => async (_, response) =>
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.TryGetProperty(name, out JsonElement _), $"no '{name}' in the answer");
    };

    private static async Task ListsTheExperimentWhenReadable(MatrixCell cell, HttpResponseMessage response)
    {
        var ids = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("experiments").EnumerateArray()
            .Select(e => e.GetProperty("experiment_id").GetString());
        Assert.Equal(AuthorizationMatrixFixture.EffectiveLevel(cell.Caller) >= PermissionLevel.Read, ids.Contains(cell.ExperimentId));
    }

    /// <summary>A fresh experiment on which the cell's caller holds the same explicit level as on the matrix experiment (deleting the shared one would break other cells).</summary>
    private static async Task<string> NewExperimentAsync(MatrixCell cell, bool deleted)
    {
        var server = cell.Fixture.Server;
        var ingestion = server.Services.GetRequiredService<IngestionService>();
        var id = await CreateExperimentAsync(server, MatrixCell.Unique("mlflow-lifecycle"));
        if (cell.User is { } user && user.Role != FinSight.Core.Access.Roles.Admin)
        {
            var level = cell.Caller switch
            {
                MatrixCaller.Viewer or MatrixCaller.ResearcherManage => PermissionLevel.Manage,
                MatrixCaller.ResearcherEdit => PermissionLevel.Edit,
                MatrixCaller.ResearcherRead => PermissionLevel.Read,
                _ => PermissionLevel.NoPermissions,
            };
            await GrantAsync(server, id, user, level);
        }
        if (deleted) await ingestion.DeleteExperimentAsync(server.Admin, id);
        return id;
    }
}
