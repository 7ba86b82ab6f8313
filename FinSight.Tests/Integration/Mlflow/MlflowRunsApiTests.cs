using System.Net;
using System.Text.Json;
using FinSight.Core.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FinSight.Tests.Integration.Mlflow;

/// <summary>MLflow's run routes, with the request and response shapes MLflow's Python client uses.</summary>
public sealed class MlflowRunsApiTests : IAsyncLifetime
{
    private FinSightServer _server = null!;
    private MlflowCalls _mlflow = null!;
    private string _experimentId = "";

    public async ValueTask InitializeAsync()
    {
        _server = await FinSightServer.StartAsync();
        _mlflow = new MlflowCalls(_server.CreateHttpClient());
        _experimentId = await _mlflow.CreateExperimentAsync("mlflow-runs");
    }

    public async ValueTask DisposeAsync()
    {
        _mlflow.Http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Create_AnswersTheRunInMlflowShape()
    {
        var answer = (await _mlflow.PostAsync("runs/create", new
        {
            experiment_id = _experimentId, user_id = "ignored", run_name = "first", start_time = 1_700_000_000_123L,
            tags = new[] { new { key = "mlflow.source.name", value = "train.py" } },
        })).AssertOk();

        var info = answer.Body.GetProperty("run").GetProperty("info");
        var runId = info.GetProperty("run_id").GetString()!;
        Assert.Equal(32, runId.Length);
        Assert.Equal(runId, info.GetProperty("run_uuid").GetString());
        Assert.Equal("first", info.GetProperty("run_name").GetString());
        Assert.Equal(_experimentId, info.GetProperty("experiment_id").GetString());
        Assert.Equal(FinSightServer.AdminEmail, info.GetProperty("user_id").GetString());
        Assert.Equal("RUNNING", info.GetProperty("status").GetString());
        Assert.Equal(1_700_000_000_123L, info.GetProperty("start_time").GetInt64());
        Assert.Equal($"mlflow-artifacts:/{_experimentId}/{runId}/artifacts", info.GetProperty("artifact_uri").GetString());
        Assert.Equal("active", info.GetProperty("lifecycle_stage").GetString());
        var tags = Tags(answer.Body.GetProperty("run"));
        Assert.Equal("first", tags["mlflow.runName"]);
        Assert.Equal("train.py", tags["mlflow.source.name"]);
    }

    [Fact]
    public async Task LogBatch_MetricsParamsTags_ReadBackThroughGetAndHistory()
    {
        var runId = await _mlflow.CreateRunAsync(_experimentId);

        (await _mlflow.PostAsync("runs/log-batch", """
            { "run_id": "RUN",
              "metrics": [ { "key": "loss", "value": 0.5, "timestamp": 1700000000000, "step": 0 },
                           { "key": "loss", "value": "NaN", "timestamp": "1700000000001", "step": "1" },
                           { "key": "loss", "value": "Infinity", "timestamp": 1700000000002, "step": 2 },
                           { "key": "loss", "value": "-Infinity", "timestamp": 1700000000003, "step": 9007199254740993 } ],
              "params": [ { "key": "lr", "value": "0.01" } ],
              "tags": [ { "key": "team", "value": "fx" } ] }
            """.Replace("RUN", runId))).AssertOk();

        var run = await _mlflow.GetRunAsync(runId);
        var latest = Assert.Single(run.GetProperty("data").GetProperty("metrics").EnumerateArray());
        Assert.Equal("-Infinity", latest.GetProperty("value").GetString());
        Assert.Equal(9007199254740993L, latest.GetProperty("step").GetInt64());
        Assert.Equal("0.01", Params(run)["lr"]);
        Assert.Equal("fx", Tags(run)["team"]);
        var history = (await _mlflow.GetAsync($"metrics/get-history?run_id={runId}&metric_key=loss")).AssertOk().Body.GetProperty("metrics");
        Assert.Equal(["0.5", "\"NaN\"", "\"Infinity\"", "\"-Infinity\""], history.EnumerateArray().Select(m => m.GetProperty("value").GetRawText()));
        Assert.Equal([1700000000000L, 1700000000001L, 1700000000002L, 1700000000003L], history.EnumerateArray().Select(m => m.GetProperty("timestamp").GetInt64()));
    }

    [Fact]
    public async Task LogBatch_ReachesTheLiveStoreAndTheV1Api()
    {
        var runId = await _mlflow.CreateRunAsync(_experimentId);

        (await _mlflow.PostAsync("runs/log-batch", new { run_id = runId, metrics = new[] { new { key = "acc", value = 0.75, timestamp = 1L, step = 3L } } })).AssertOk();

        var live = _server.Services.GetRequiredService<FinSight.Dashboard.Live.LiveMetricsStore>();
        Assert.Contains(live.ReadSince(runId, "acc", 0).Points, p => p.Step == 3 && p.Value == 0.75);
        var details = await _server.GetJsonAsync<RunDetails>($"api/v1/runs/{runId}");
        Assert.Equal(0.75, Assert.Single(details.Metrics).Latest);
    }

    [Fact]
    public async Task Update_SetsStatusEndTimeAndName_AndAnswersRunInfo()
    {
        var runId = await _mlflow.CreateRunAsync(_experimentId, "before");

        var info = (await _mlflow.PostAsync("runs/update", new { run_id = runId, status = "FINISHED", end_time = 1_700_000_009_999L, run_name = "after" }))
            .AssertOk().Body.GetProperty("run_info");

        Assert.Equal(("FINISHED", 1_700_000_009_999L, "after"), (info.GetProperty("status").GetString(), info.GetProperty("end_time").GetInt64(), info.GetProperty("run_name").GetString()));
        var run = await _mlflow.GetRunAsync(runId);
        Assert.Equal("after", run.GetProperty("info").GetProperty("run_name").GetString());
        Assert.Equal("after", Tags(run)["mlflow.runName"]);
        (await _mlflow.PostAsync("runs/update", new { run_id = runId, status = "DONE" })).AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task SetTag_RunNameTag_RenamesTheRun_AndDeleteTagRemovesATag()
    {
        var runId = await _mlflow.CreateRunAsync(_experimentId, "old name");

        (await _mlflow.PostAsync("runs/set-tag", new { run_id = runId, key = "mlflow.runName", value = "new name" })).AssertOk();
        (await _mlflow.PostAsync("runs/set-tag", new { run_uuid = runId, key = "stage", value = "tuning" })).AssertOk();
        (await _mlflow.PostAsync("runs/delete-tag", new { run_id = runId, key = "stage" })).AssertOk();

        var run = await _mlflow.GetRunAsync(runId);
        Assert.Equal("new name", run.GetProperty("info").GetProperty("run_name").GetString());
        Assert.False(Tags(run).ContainsKey("stage"));
        (await _mlflow.PostAsync("runs/delete-tag", new { run_id = runId, key = "stage" })).AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
    }

    [Fact]
    public async Task LogMetricAndLogParameter_SingleValues_AreStored()
    {
        var runId = await _mlflow.CreateRunAsync(_experimentId);

        (await _mlflow.PostAsync("runs/log-metric", new { run_id = runId, key = "sharpe", value = 1.25, timestamp = 1_700_000_000_000L, step = 7L })).AssertOk();
        (await _mlflow.PostAsync("runs/log-metric", new { run_id = runId, key = "sharpe", value = "Infinity", timestamp = 1_700_000_000_001L, step = 8L })).AssertOk();
        (await _mlflow.PostAsync("runs/log-parameter", new { run_id = runId, key = "window", value = "20" })).AssertOk();

        var run = await _mlflow.GetRunAsync(runId);
        var metric = Assert.Single(run.GetProperty("data").GetProperty("metrics").EnumerateArray());
        Assert.Equal(("\"Infinity\"", 8L), (metric.GetProperty("value").GetRawText(), metric.GetProperty("step").GetInt64()));
        Assert.Equal("20", Params(run)["window"]);
    }

    [Fact]
    public async Task DeleteAndRestore_MoveTheRunsLifecycle_AndADeletedRunRefusesWrites()
    {
        var runId = await _mlflow.CreateRunAsync(_experimentId);

        (await _mlflow.PostAsync("runs/delete", new { run_id = runId })).AssertOk();
        Assert.Equal("deleted", (await _mlflow.GetRunAsync(runId)).GetProperty("info").GetProperty("lifecycle_stage").GetString());
        (await _mlflow.PostAsync("runs/log-metric", new { run_id = runId, key = "loss", value = 1.0, timestamp = 1L })).AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");

        (await _mlflow.PostAsync("runs/restore", new { run_id = runId })).AssertOk();
        Assert.Equal("active", (await _mlflow.GetRunAsync(runId)).GetProperty("info").GetProperty("lifecycle_stage").GetString());
        (await _mlflow.PostAsync("runs/log-metric", new { run_id = runId, key = "loss", value = 1.0, timestamp = 1L })).AssertOk();
    }

    [Fact]
    public async Task LogInputsLogModelOutputs_AreAcceptedForAnExistingRunOnly()
    {
        var runId = await _mlflow.CreateRunAsync(_experimentId);

        (await _mlflow.PostAsync("runs/log-inputs", new { run_id = runId, datasets = Array.Empty<object>() })).AssertOk();
        (await _mlflow.PostAsync("runs/log-model", new { run_id = runId, model_json = "{\"artifact_path\": \"model\"}" })).AssertOk();
        (await _mlflow.PostAsync("runs/log-inputs", new { run_id = new string('f', 32) })).AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
    }

    [Fact]
    public async Task Get_UnknownRun_IsResourceDoesNotExist()
    {
        (await _mlflow.GetAsync($"runs/get?run_id={new string('0', 32)}")).AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        (await _mlflow.GetAsync("runs/get")).AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
    }

    private static Dictionary<string, string> Tags(JsonElement run) => Pairs(run.GetProperty("data").GetProperty("tags"));

    private static Dictionary<string, string> Params(JsonElement run) => Pairs(run.GetProperty("data").GetProperty("params"));

    private static Dictionary<string, string> Pairs(JsonElement array) =>
        array.EnumerateArray().ToDictionary(e => e.GetProperty("key").GetString()!, e => e.GetProperty("value").GetString()!);
}
