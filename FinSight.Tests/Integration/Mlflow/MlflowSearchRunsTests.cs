using System.Net;
using System.Text.Json;
using Xunit;

namespace FinSight.Tests.Integration.Mlflow;

/// <summary>runs/search with MLflow's filter syntax, order_by, max_results and page tokens; metrics/get-history paging.</summary>
public sealed class MlflowSearchRunsTests : IAsyncLifetime
{
    private FinSightServer _server = null!;
    private MlflowCalls _mlflow = null!;
    private string _experimentId = "";

    public async ValueTask InitializeAsync()
    {
        _server = await FinSightServer.StartAsync();
        _mlflow = new MlflowCalls(_server.CreateHttpClient());
        _experimentId = await _mlflow.CreateExperimentAsync("search-runs");
        // Three runs: (name, optimizer, loss, team tag, status).
        foreach (var (name, optimizer, loss, team, finished, start) in new[]
                 {
                     ("alpha", "adam", 0.30, "fx desk", true, 1_000L),
                     ("beta", "sgd", 0.10, "fx desk", false, 2_000L),
                     ("gamma", "adam", 0.20, "rates", true, 3_000L),
                 })
        {
            var runId = await _mlflow.CreateRunAsync(_experimentId, name, start);
            (await _mlflow.PostAsync("runs/log-batch", new
            {
                run_id = runId,
                metrics = new[] { new { key = "val loss", value = loss, timestamp = 1L, step = 0L } },
                @params = new[] { new { key = "optimizer", value = optimizer } },
                tags = new[] { new { key = "team name", value = team } },
            })).AssertOk();
            if (finished) (await _mlflow.PostAsync("runs/update", new { run_id = runId, status = "FINISHED", end_time = start + 10 })).AssertOk();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _mlflow.Http.Dispose();
        await _server.DisposeAsync();
    }

    public static TheoryData<string, string> Filters() => new()
    {
        { "metrics.`val loss` < 0.25", "gamma,beta" },
        { "params.optimizer = 'adam'", "gamma,alpha" },
        { "tags.\"team name\" != 'rates'", "beta,alpha" },
        { "attributes.status = 'FINISHED' AND params.optimizer = 'adam'", "gamma,alpha" },
        { "attributes.start_time > 1500", "gamma,beta" },
        { "attributes.run_name LIKE 'a%'", "alpha" },
        { "run_name ILIKE 'GAM%'", "gamma" },
        { "params.optimizer IN ('sgd', 'rmsprop')", "beta" },
        { "", "gamma,beta,alpha" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Search_MlflowFilter_SelectsTheRuns(string filter, string expected)
    {
        var runs = await SearchAsync(new { experiment_ids = new[] { _experimentId }, filter });

        Assert.Equal(expected, string.Join(",", runs));
    }

    [Fact]
    public async Task Search_OrderByMetricAndAttribute()
    {
        Assert.Equal("alpha,gamma,beta", string.Join(",", await SearchAsync(new { experiment_ids = new[] { _experimentId }, order_by = new[] { "metrics.`val loss` DESC" } })));
        Assert.Equal("alpha,beta,gamma", string.Join(",", await SearchAsync(new { experiment_ids = new[] { _experimentId }, order_by = new[] { "start_time ASC" } })));
    }

    [Fact]
    public async Task Search_PagesWithTokens_AndAnswersFullRuns()
    {
        var seen = new List<string>();
        string? token = null;
        do
        {
            var body = (await _mlflow.PostAsync("runs/search", new { experiment_ids = new[] { _experimentId }, max_results = 2, page_token = token, order_by = new[] { "attributes.run_name" } }))
                .AssertOk().Body;
            foreach (var run in body.GetProperty("runs").EnumerateArray())
            {
                seen.Add(run.GetProperty("info").GetProperty("run_name").GetString()!);
                Assert.Single(run.GetProperty("data").GetProperty("metrics").EnumerateArray());
                Assert.Contains(run.GetProperty("data").GetProperty("params").EnumerateArray(), p => p.GetProperty("key").GetString() == "optimizer");
            }
            token = body.TryGetProperty("next_page_token", out var next) ? next.GetString() : null;
        } while (token is not null);

        Assert.Equal(["alpha", "beta", "gamma"], seen);
    }

    [Fact]
    public async Task Search_RunViewType_SeparatesDeletedRuns()
    {
        var runId = await _mlflow.CreateRunAsync(_experimentId, "doomed");
        (await _mlflow.PostAsync("runs/delete", new { run_id = runId })).AssertOk();

        Assert.Equal(["doomed"], await SearchAsync(new { experiment_ids = new[] { _experimentId }, run_view_type = "DELETED_ONLY" }));
        Assert.DoesNotContain("doomed", await SearchAsync(new { experiment_ids = new[] { _experimentId } }));
        Assert.Equal(4, (await SearchAsync(new { experiment_ids = new[] { _experimentId }, run_view_type = "ALL" })).Count);
    }

    [Fact]
    public async Task Search_BadInput_IsInvalidParameterValue()
    {
        var badFilter = (await _mlflow.PostAsync("runs/search", new { experiment_ids = new[] { _experimentId }, filter = "metrics.loss <" }))
            .AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        Assert.Contains("Invalid search expression", badFilter.Message);
        (await _mlflow.PostAsync("runs/search", new { experiment_ids = new[] { _experimentId }, max_results = 50_001 })).AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        (await _mlflow.PostAsync("runs/search", new { experiment_ids = new[] { _experimentId }, page_token = "garbage" })).AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        (await _mlflow.PostAsync("runs/search", new { experiment_ids = new[] { "999" } })).AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
    }

    [Fact]
    public async Task GetHistory_PagesWithMaxResultsAndTokens()
    {
        var runId = await _mlflow.CreateRunAsync(_experimentId, "long");
        (await _mlflow.PostAsync("runs/log-batch", new
        {
            run_id = runId,
            metrics = Enumerable.Range(0, 5).Select(i => new { key = "loss", value = i == 2 ? (object)"NaN" : i * 1.5, timestamp = 100L + i, step = (long)i }).ToArray(),
        })).AssertOk();

        var steps = new List<long>();
        var values = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var query = $"metrics/get-history?run_id={runId}&metric_key=loss&max_results=2" + (token is null ? "" : $"&page_token={Uri.EscapeDataString(token)}");
            var body = (await _mlflow.GetAsync(query)).AssertOk().Body;
            foreach (var metric in body.GetProperty("metrics").EnumerateArray())
            {
                steps.Add(metric.GetProperty("step").GetInt64());
                values.Add(metric.GetProperty("value").GetRawText());
            }
            token = body.TryGetProperty("next_page_token", out var next) ? next.GetString() : null;
            pages++;
        } while (token is not null);

        Assert.Equal([0L, 1, 2, 3, 4], steps);
        Assert.Equal(["0", "1.5", "\"NaN\"", "4.5", "6"], values);
        Assert.Equal(3, pages);
        var unknown = (await _mlflow.GetAsync($"metrics/get-history?run_id={runId}&metric_key=never")).AssertOk().Body;
        Assert.Empty(unknown.GetProperty("metrics").EnumerateArray());
        (await _mlflow.GetAsync($"metrics/get-history?run_id={runId}&metric_key=loss&max_results=25001")).AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
    }

    private async Task<List<string>> SearchAsync(object body) =>
        (await _mlflow.PostAsync("runs/search", body)).AssertOk().Body.GetProperty("runs").EnumerateArray()
        .Select(r => r.GetProperty("info").GetProperty("run_name").GetString()!).ToList();
}
