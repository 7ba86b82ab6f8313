using System.Net;
using System.Text.Json;
using Xunit;

namespace FinSight.Tests.Integration.Mlflow;

/// <summary>MLflow's limits and refusals on the logging routes: MLflow's codes and statuses, a message naming the rule, nothing half-written.</summary>
public sealed class MlflowLogBatchErrorTests : IAsyncLifetime
{
    private FinSightServer _server = null!;
    private MlflowCalls _mlflow = null!;
    private string _runId = "";

    public async ValueTask InitializeAsync()
    {
        _server = await FinSightServer.StartAsync();
        _mlflow = new MlflowCalls(_server.CreateHttpClient());
        _runId = await _mlflow.CreateRunAsync(await _mlflow.CreateExperimentAsync("limits"));
    }

    public async ValueTask DisposeAsync()
    {
        _mlflow.Http.Dispose();
        await _server.DisposeAsync();
    }

    public static TheoryData<string, string> OverLimits() => new()
    {
        { "1001 metrics", "at most 1000 metrics" },
        { "101 params", "at most 100 params" },
        { "101 tags", "at most 100 tags" },
        { "1001 in all", "at most 1000 metrics, params and tags in all" },
        { "key of 251", "the limit is 250" },
        { "param value of 6001", "params[0].value is 6001 characters long; the limit is 6000" },
        { "tag value of 8001", "tags[0].value is 8001 characters long; the limit is 8000" },
    };

    [Theory]
    [MemberData(nameof(OverLimits))]
    public async Task LogBatch_OverMlflowsLimits_IsRefusedWholeNamingTheLimit(string over, string expected)
    {
        var metrics = (int n) => Enumerable.Range(0, n).Select(i => new { key = "loss", value = 0.5, timestamp = 1L, step = (long)i }).ToArray();
        var entries = (int n, string value) => Enumerable.Range(0, n).Select(i => new { key = $"k{i}", value }).ToArray();
        object body = over switch
        {
            "1001 metrics" => new { run_id = _runId, metrics = metrics(1001) },
            "101 params" => new { run_id = _runId, metrics = metrics(1), @params = entries(101, "v") },
            "101 tags" => new { run_id = _runId, metrics = metrics(1), tags = entries(101, "v") },
            "1001 in all" => new { run_id = _runId, metrics = metrics(801), @params = entries(100, "v"), tags = entries(100, "v") },
            "key of 251" => new { run_id = _runId, metrics = new[] { new { key = new string('k', 251), value = 1.0, timestamp = 1L, step = 0L } } },
            "param value of 6001" => new { run_id = _runId, metrics = metrics(1), @params = entries(1, new string('v', 6001)) },
            _ => new { run_id = _runId, metrics = metrics(1), tags = entries(1, new string('v', 8001)) },
        };

        var answer = (await _mlflow.PostAsync("runs/log-batch", body)).AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");

        Assert.Contains(expected, answer.Message);
        Assert.Empty((await _mlflow.GetRunAsync(_runId)).GetProperty("data").GetProperty("metrics").EnumerateArray());
    }

    [Fact]
    public async Task LogBatch_AtMlflowsLimits_IsAccepted()
    {
        var body = new
        {
            run_id = _runId,
            metrics = Enumerable.Range(0, 800).Select(i => new { key = new string('m', 250), value = 1.0, timestamp = 1L, step = (long)i }).ToArray(),
            @params = Enumerable.Range(0, 100).Select(i => new { key = $"p{i}", value = new string('v', 6000) }).ToArray(),
            tags = Enumerable.Range(0, 100).Select(i => new { key = $"t{i}", value = new string('v', 8000) }).ToArray(),
        };

        (await _mlflow.PostAsync("runs/log-batch", body)).AssertOk();

        var history = (await _mlflow.GetAsync($"metrics/get-history?run_id={_runId}&metric_key={new string('m', 250)}")).AssertOk();
        Assert.Equal(800, history.Body.GetProperty("metrics").GetArrayLength());
    }

    public static TheoryData<string, string> MissingOrWrong() => new()
    {
        { """{"key":"loss","timestamp":1,"step":0}""", "metrics[0].value is required" },
        { """{"value":1,"timestamp":1,"step":0}""", "metrics[0].key is required" },
        { """{"key":"loss","value":1,"step":0}""", "metrics[0].timestamp is required" },
        { """{"key":"loss","value":"abc","timestamp":1}""", "metrics[0].value 'abc' is not a number" },
        { """{"key":"loss","value":true,"timestamp":1}""", "metrics[0].value 'true' is not a number" },
    };

    [Theory]
    [MemberData(nameof(MissingOrWrong))]
    public async Task LogBatch_MissingOrWrongMetricField_IsInvalidParameterValueNamingIt_NeverAZero(string metric, string expected)
    {
        var answer = (await _mlflow.PostAsync("runs/log-batch", $$"""{"run_id":"{{_runId}}","metrics":[{{metric}}]}"""))
            .AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");

        Assert.Contains(expected, answer.Message);
        Assert.Empty((await _mlflow.GetRunAsync(_runId)).GetProperty("data").GetProperty("metrics").EnumerateArray());
    }

    [Fact]
    public async Task LogMetricLogParameterSetTag_MissingField_NamesTheRequestsOwnField()
    {
        // These routes take one entry, not an array: the refusal names the field the caller sent (or forgot).
        var metric = (await _mlflow.PostAsync("runs/log-metric", $$"""{"run_id":"{{_runId}}","key":"loss","timestamp":1}"""))
            .AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        var param = (await _mlflow.PostAsync("runs/log-parameter", $$"""{"run_id":"{{_runId}}","key":"lr"}"""))
            .AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        var tag = (await _mlflow.PostAsync("runs/set-tag", $$"""{"run_id":"{{_runId}}","value":"x"}"""))
            .AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");

        Assert.StartsWith("value is required", metric.Message);
        Assert.StartsWith("value is required", param.Message);
        Assert.StartsWith("key is required", tag.Message);
        Assert.Empty((await _mlflow.GetRunAsync(_runId)).GetProperty("data").GetProperty("metrics").EnumerateArray());
    }

    [Fact]
    public async Task MalformedBody_IsA400_AndAWrongTypeNamesWhere()
    {
        (await _mlflow.PostAsync("runs/log-batch", """{"run_id": "x", "metrics": [ """)).AssertError(HttpStatusCode.BadRequest, "MALFORMED_REQUEST");
        var wrongType = (await _mlflow.PostAsync("runs/log-batch", $$"""{"run_id":"{{_runId}}","metrics":[{"key":"a","value":1,"timestamp":1,"step":"one"}]}"""))
            .AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        Assert.Contains("metrics[0].step", wrongType.Message);
    }

    [Fact]
    public async Task MissingRunId_AndUnknownRun_AreRefusedWithMlflowsCodes()
    {
        Assert.Contains("run_id", (await _mlflow.PostAsync("runs/log-batch", "{}")).AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE").Message);
        (await _mlflow.PostAsync("runs/log-metric", new { run_id = new string('a', 32), key = "loss", value = 1.0, timestamp = 1L }))
            .AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
    }

    [Fact]
    public async Task LogParameter_ChangedValue_IsInvalidParameterValue_SameValueIsAccepted()
    {
        (await _mlflow.PostAsync("runs/log-parameter", new { run_id = _runId, key = "lr", value = "0.1" })).AssertOk();
        (await _mlflow.PostAsync("runs/log-parameter", new { run_id = _runId, key = "lr", value = "0.1" })).AssertOk();

        var answer = (await _mlflow.PostAsync("runs/log-parameter", new { run_id = _runId, key = "lr", value = "0.2" })).AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");

        Assert.Contains("'lr'", answer.Message);
        Assert.Equal("0.1", (await _mlflow.GetRunAsync(_runId)).GetProperty("data").GetProperty("params")[0].GetProperty("value").GetString());
    }

    [Fact]
    public async Task UnknownEndpoint_IsEndpointNotFound()
    {
        (await _mlflow.PostAsync("runs/no-such-thing", "{}")).AssertError(HttpStatusCode.NotFound, "ENDPOINT_NOT_FOUND");
    }
}
