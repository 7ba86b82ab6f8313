using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FinSight.Core.Contracts;
using Xunit;

namespace FinSight.Tests.Integration;

public sealed class HttpIngestionTests : IAsyncLifetime
{
    private FinSightServer _server = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await FinSightServer.StartAsync(new() { ["Tracking:MaxPointsPerBatch"] = "50" });
        _http = _server.CreateHttpClient();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task LogBatch_MetricsParamsTags_StoredAndReadBack()
    {
        var runId = await StartRunAsync();

        var response = await PostAsync($"api/v1/runs/{runId}/log-batch", """
            { "batchId": "b1",
              "metrics": [ { "key": "loss", "value": 0.5, "step": 1, "timestamp": 1700000000000 },
                           { "key": "loss", "value": "NaN", "step": 2, "timestamp": 1700000000001 },
                           { "key": "loss", "value": "-Infinity", "step": 3, "timestamp": 1700000000002 } ],
              "params": [ { "key": "lr", "value": "0.01" } ],
              "tags": [ { "key": "team", "value": "fx" } ] }
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ack = await response.Content.ReadFromJsonAsync<BatchAck>(FinSightServer.Json);
        Assert.Equal(3, ack!.Accepted);
        var history = await _server.GetJsonAsync<MetricHistory>($"api/v1/runs/{runId}/metric-history?key=loss");
        Assert.Equal([0.5, double.NaN, double.NegativeInfinity], history.Points.Select(p => p.Value));
        var raw = await _http.GetStringAsync($"api/v1/runs/{runId}/metric-history?key=loss");
        Assert.Contains("\"NaN\"", raw);
        Assert.Contains("\"-Infinity\"", raw);
        var details = await _server.GetJsonAsync<RunDetails>($"api/v1/runs/{runId}");
        Assert.Equal("lr=0.01", Assert.Single(details.Params) is var p ? $"{p.Key}={p.Value}" : "");
        Assert.Equal("fx", Assert.Single(details.Tags).Value);
        var loss = details.Metrics.Single();
        Assert.Equal((double.NegativeInfinity, 0.5, -double.PositiveInfinity), (loss.Min, loss.Max, loss.Latest));
    }

    [Fact]
    public async Task LogBatch_RepeatedBatchId_DuplicateAndStoredOnce()
    {
        var runId = await StartRunAsync();
        const string body = """{ "batchId": "again", "metrics": [ { "key": "loss", "value": 1, "step": 0, "timestamp": 1 } ] }""";

        await PostAsync($"api/v1/runs/{runId}/log-batch", body);
        var second = await (await PostAsync($"api/v1/runs/{runId}/log-batch", body)).Content.ReadFromJsonAsync<BatchAck>(FinSightServer.Json);

        Assert.True(second!.Duplicate);
        Assert.Single((await _server.GetJsonAsync<MetricHistory>($"api/v1/runs/{runId}/metric-history?key=loss")).Points);
    }

    [Fact]
    public async Task LogBatch_MissingStepAndTimestamp_DefaultToZeroAndServerTime()
    {
        var runId = await StartRunAsync();
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        await PostAsync($"api/v1/runs/{runId}/log-batch", """{ "batchId": "d", "metrics": [ { "key": "loss", "value": 2 } ] }""");

        var point = Assert.Single((await _server.GetJsonAsync<MetricHistory>($"api/v1/runs/{runId}/metric-history?key=loss")).Points);
        Assert.Equal(0, point.Step);
        Assert.InRange(point.Timestamp, before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    public static TheoryData<string, HttpStatusCode, string> RefusedBatches => new()
    {
        { """{ "batchId": "x", "metrics": [ { "key": "loss", "value": 1, "step": 0 }, { "key": "lo$s", "value": 1 } ] }""", HttpStatusCode.BadRequest, "metrics[1].key 'lo$s'" },
        { $$"""{ "batchId": "x", "metrics": [ { "key": "{{new string('k', 251)}}", "value": 1 } ] }""", HttpStatusCode.BadRequest, "the limit is 250" },
        { """{ "batchId": "x", "metrics": [ { "key": "loss", "value": 1 }, { "key": "loss", "value": "abc" } ] }""", HttpStatusCode.BadRequest, "metrics[1].value 'abc' is not a number" },
        { """{ "batchId": "x", "metrics": [ { "key": "loss", "value": true } ] }""", HttpStatusCode.BadRequest, "metrics[0].value 'true' is not a number" },
        { """{ "batchId": "x", "metrics": [ { "key": "loss", "value": 1, "step": "three" } ] }""", HttpStatusCode.BadRequest, "$.metrics[0].step" },
        { """{ "batchId": "x", "metrics": [ { "key": "loss", "value": 1 } """, HttpStatusCode.BadRequest, "not valid" },
        { """{ "metrics": [ { "key": "loss", "value": 1 } ] }""", HttpStatusCode.BadRequest, "batchId is required" },
        { """{ "batchId": "x", "metrics": [ { "key": "loss", "value": 1 } ], "params": [ { "key": "lr", "value": "0.5" } ] }""", HttpStatusCode.Conflict, "Param 'lr'" },
        { """{ "batchId": "x", "metrics": [ { "key": "loss", "value": 1 } ], "params": [ { "key": "big", "value": "VALUE" } ] }""".Replace("VALUE", new string('v', 6001)), HttpStatusCode.BadRequest, "params[0].value is 6001 characters long" },
        { "{ \"batchId\": \"x\", \"metrics\": [" + string.Join(",", Enumerable.Repeat("""{ "key": "loss", "value": 1 }""", 51)) + "] }", HttpStatusCode.BadRequest, "holds 51 points; the limit is 50" },
    };

    [Theory]
    [MemberData(nameof(RefusedBatches))]
    public async Task LogBatch_BadBatch_ProblemDetailsNameTheRuleAndNothingStored(string body, HttpStatusCode status, string expectedDetail)
    {
        var runId = await StartRunAsync(parameters: """[ { "key": "lr", "value": "0.01" } ]""");

        var response = await PostAsync($"api/v1/runs/{runId}/log-batch", body);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(expectedDetail, problem.GetProperty("detail").GetString());
        var details = await _server.GetJsonAsync<RunDetails>($"api/v1/runs/{runId}");
        Assert.Empty(details.Metrics);
        Assert.Equal(["lr"], details.Params.Select(p => p.Key));
    }

    [Fact]
    public async Task LogBatch_UnknownRun_NotFound()
    {
        var response = await PostAsync($"api/v1/runs/{new string('0', 32)}/log-batch", """{ "batchId": "x", "metrics": [ { "key": "loss", "value": 1 } ] }""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("does not exist", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task StartRun_UnknownExperiment_NotFound()
    {
        var response = await PostAsync("api/v1/runs", """{ "experimentId": "999" }""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Experiment 999 does not exist", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Experiments_CreateListGetAndRuns_FollowTheContract()
    {
        var created = await PostAsync("api/v1/experiments", """{ "name": "fx-forecast", "description": "EURUSD" }""");
        var duplicate = await PostAsync("api/v1/experiments", """{ "name": "fx-forecast" }""");
        var experiment = await created.Content.ReadFromJsonAsync<ExperimentInfo>(FinSightServer.Json);
        var run = await (await PostAsync("api/v1/runs", $$"""{ "experimentId": "{{experiment!.ExperimentId}}", "runName": "lstm" }"""))
            .Content.ReadFromJsonAsync<StartRunResult>(FinSightServer.Json);
        var ended = await PostAsync($"api/v1/runs/{run!.RunId}/end", """{ "status": "KILLED" }""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Matches("^[0-9a-f]{32}$", run.RunId);
        Assert.Equal("RUNNING", run.Status);
        Assert.Contains(await _server.GetJsonAsync<List<ExperimentInfo>>("api/v1/experiments"), e => e.Name == "fx-forecast" && e.Description == "EURUSD");
        var runs = await _server.GetJsonAsync<List<RunInfo>>($"api/v1/experiments/{experiment.ExperimentId}/runs");
        Assert.Equal(("lstm", "KILLED"), (Assert.Single(runs).RunName, runs[0].Status));
    }

    [Fact]
    public async Task MetricHistory_RangeAndMaxPoints_KeepsSpikes()
    {
        var runId = await StartRunAsync();
        var points = Enumerable.Range(0, 5000).Select(i => new { key = "loss", value = i == 3333 ? 100.0 : 1.0, step = i, timestamp = 1 });
        for (var i = 0; i < 100; i++)
        {
            var body = JsonSerializer.Serialize(new { batchId = $"p{i}", metrics = points.Skip(i * 50).Take(50) });
            Assert.Equal(HttpStatusCode.OK, (await PostAsync($"api/v1/runs/{runId}/log-batch", body)).StatusCode);
        }

        var thinned = await _server.GetJsonAsync<MetricHistory>($"api/v1/runs/{runId}/metric-history?key=loss&maxPoints=100");
        var range = await _server.GetJsonAsync<MetricHistory>($"api/v1/runs/{runId}/metric-history?key=loss&fromStep=3000&toStep=3999");

        Assert.InRange(thinned.Points.Count, 4, 100);
        Assert.Contains(thinned.Points, p => p.Step == 3333 && p.Value == 100.0);
        Assert.Equal(Enumerable.Range(3000, 1000).Select(i => (long)i), range.Points.Select(p => p.Step));
    }

    private async Task<string> StartRunAsync(string parameters = "[]")
    {
        var experiment = await (await PostAsync("api/v1/experiments", $$"""{ "name": "http-{{Guid.NewGuid():N}}" }"""))
            .Content.ReadFromJsonAsync<ExperimentInfo>(FinSightServer.Json);
        var run = await (await PostAsync("api/v1/runs", $$"""{ "experimentId": "{{experiment!.ExperimentId}}", "params": {{parameters}} }"""))
            .Content.ReadFromJsonAsync<StartRunResult>(FinSightServer.Json);
        return run!.RunId;
    }

    private Task<HttpResponseMessage> PostAsync(string path, string json) =>
        _http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
}
