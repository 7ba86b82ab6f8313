using System.Net;
using System.Net.Http.Json;
using System.Text;
using FinSight.Client;
using FinSight.Core.Analysis.Financial;
using FinSight.Core.Contracts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit;

namespace FinSight.Tests.Integration;

/// <summary>Prediction series over HTTP, the hub (JSON and MessagePack) and FinSight.Client: stored, and their fin/* metrics logged.</summary>
public sealed class PredictionsApiTests : IAsyncLifetime
{
    private FinSightServer _server = null!;
    private HttpClient _http = null!;

    // The series of FinancialMetricsCalculatorTests: a − p = −1, −1, 1, 1, −2; derived returns 0.02, 1/102, 4/101, −1/105.
    private const string GoodBody = """{ "batchId": "p1", "actual": [100, 102, 101, 105, 104], "predicted": [101, 103, 100, 104, 106] }""";

    public async ValueTask InitializeAsync()
    {
        _server = await FinSightServer.StartAsync(new() { ["Tracking:MaxPredictionPoints"] = "100" });
        _http = _server.CreateHttpClient();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Post_GoodSeries_MetricsAnsweredAndLoggedAsRunMetrics()
    {
        var runId = await StartRunAsync();

        var response = await PostAsync(runId, GoodBody);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<PredictionsResult>(FinSightServer.Json))!;
        Assert.Equal((5, 0, 4, false, 252.0, false, 0L), (result.Points, result.ZeroActualsExcluded, result.ReturnCount, result.ReturnsGiven,
            result.PeriodsPerYear, result.Duplicate, result.Step));
        Assert.Equal(FinancialMetricNames.All, result.Metrics.Keys);
        Assert.Equal(1.2, result.Metrics[FinancialMetricNames.Mae]!.Value, 12);
        Assert.Equal(6.12 / 101, result.Metrics[FinancialMetricNames.ProfitLoss]!.Value, 12);
        var run = await _server.GetJsonAsync<RunDetails>($"api/v1/runs/{runId}");
        var fin = run.Metrics.Where(m => m.Key.StartsWith("fin/", StringComparison.Ordinal)).ToDictionary(m => m.Key, m => m.Latest);
        Assert.Equal(FinancialMetricNames.All.Order(StringComparer.Ordinal), fin.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1.2, fin["fin/mae"], 12);
        Assert.Equal(1.6, fin["fin/mse"], 12);
        Assert.Equal(0.75, fin["fin/directional_accuracy"], 12);
        Assert.Equal(1 / 105.0, fin["fin/max_drawdown"], 12);
        Assert.Equal(11.602174453711287, fin["fin/sharpe_ratio"], 9);
    }

    [Fact]
    public async Task Post_UndefinedMetrics_NullWithReasonAndNotLogged()
    {
        var runId = await StartRunAsync();

        // Constant actual values: every derived return is 0, so the Sharpe ratio is undefined.
        var response = await PostAsync(runId, """{ "actual": [5, 5, 5, 5], "predicted": [5, 6, 4, 5] }""");

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"fin/sharpe_ratio\":null", text);
        var result = System.Text.Json.JsonSerializer.Deserialize<PredictionsResult>(text, FinSightServer.Json)!;
        Assert.Contains("do not vary", result.Undefined["fin/sharpe_ratio"]);
        Assert.StartsWith("content-", result.BatchId);
        var run = await _server.GetJsonAsync<RunDetails>($"api/v1/runs/{runId}");
        Assert.DoesNotContain(run.Metrics, m => m.Key == "fin/sharpe_ratio");
        Assert.Contains(run.Metrics, m => m.Key == "fin/volatility" && m.Latest == 0);
    }

    [Theory]
    [InlineData("""{ "actual": [1, 2, 3, 4], "predicted": [1, 2, 3, "NaN"] }""", "predicted[3] is NaN; predictions must be finite numbers.")]
    [InlineData("""{ "actual": [1, 2, 3], "predicted": [1, 2] }""", "predicted has 2 values; it must have as many as actual (3).")]
    [InlineData("""{ "actual": [], "predicted": [] }""", "actual is empty")]
    [InlineData("""{ "actual": [1, 2], "predicted": [1, 2], "returns": [0.1, 0.2] }""", "returns has 2 values; it must have 1")]
    [InlineData("""{ "actual": [1, 2], "predicted": [1, 2], "periodsPerYear": 0 }""", "periodsPerYear 0 must be a positive number")]
    [InlineData("""{ "predicted": [1, 2] }""", "actual is required")]
    public async Task Post_BadSeries_400NamingFieldAndNothingStored(string body, string detail)
    {
        var runId = await StartRunAsync();

        var response = await PostAsync(runId, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(detail, await AccessTestUsers.DetailAsync(response));
        var run = await _server.GetJsonAsync<RunDetails>($"api/v1/runs/{runId}");
        Assert.Empty(run.Metrics);
        Assert.Empty((await _server.GetJsonAsync<PredictionSeriesList>($"api/v1/runs/{runId}/predictions")).Series);
    }

    [Fact]
    public async Task Post_TooManyPoints_400NamingTheLimit()
    {
        var runId = await StartRunAsync();
        var values = string.Join(",", Enumerable.Range(1, 101));

        var response = await PostAsync(runId, $$"""{ "actual": [{{values}}], "predicted": [{{values}}] }""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("the limit is 100", await AccessTestUsers.DetailAsync(response));
    }

    [Fact]
    public async Task Post_UnknownRun_404()
    {
        var response = await PostAsync("0123456789abcdef0123456789abcdef", GoodBody);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Post_SameBatchIdTwice_StoredOnceAndAnsweredAsDuplicate()
    {
        var runId = await StartRunAsync();

        await PostAsync(runId, GoodBody);
        var second = (await (await PostAsync(runId, GoodBody)).Content.ReadFromJsonAsync<PredictionsResult>(FinSightServer.Json))!;

        Assert.True(second.Duplicate);
        Assert.Equal(1.2, second.Metrics["fin/mae"]!.Value, 12);
        Assert.Single((await _server.GetJsonAsync<PredictionSeriesList>($"api/v1/runs/{runId}/predictions")).Series);
        var history = await _server.GetJsonAsync<MetricHistory>($"api/v1/runs/{runId}/metric-history?key=fin/mae");
        Assert.Single(history.Points);
    }

    [Fact]
    public async Task Post_NoBatchId_SameContentStoredOnce_NewContentAtTheNextStep()
    {
        var runId = await StartRunAsync();
        const string body = """{ "actual": [1, 2, 3], "predicted": [2, 3, 4] }""";

        var first = (await (await PostAsync(runId, body)).Content.ReadFromJsonAsync<PredictionsResult>(FinSightServer.Json))!;
        var again = (await (await PostAsync(runId, body)).Content.ReadFromJsonAsync<PredictionsResult>(FinSightServer.Json))!;
        var other = (await (await PostAsync(runId, """{ "actual": [1, 2, 3], "predicted": [2, 1, 4] }""")).Content.ReadFromJsonAsync<PredictionsResult>(FinSightServer.Json))!;

        Assert.Equal((false, true, false), (first.Duplicate, again.Duplicate, other.Duplicate));
        Assert.Equal(first.BatchId, again.BatchId);
        Assert.Equal((0L, 1L), (first.Step, other.Step));
        var history = await _server.GetJsonAsync<MetricHistory>($"api/v1/runs/{runId}/metric-history?key=fin/mae");
        Assert.Equal([0L, 1L], history.Points.Select(p => p.Step));
    }

    [Fact]
    public async Task Get_StoredSeries_ArraysRoundTrip()
    {
        var runId = await StartRunAsync();
        await PostAsync(runId, """{ "batchId": "g", "actual": [1.5, 2.25, 3], "predicted": [1, 2, 3.125], "returns": [0.01, -0.02], "periodsPerYear": 12, "step": 7 }""");

        var stored = Assert.Single((await _server.GetJsonAsync<PredictionSeriesList>($"api/v1/runs/{runId}/predictions")).Series);

        Assert.Equal(("g", 7L, 3, 12.0), (stored.BatchId, stored.Step, stored.Points, stored.PeriodsPerYear));
        Assert.Equal([1.5, 2.25, 3], stored.Actual);
        Assert.Equal([1, 2, 3.125], stored.Predicted);
        Assert.Equal([0.01, -0.02], stored.Returns!);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Hub_LogPredictions_AnswersMetricsLikeHttp(bool messagePack)
    {
        var runId = await StartRunAsync();
        await using var hub = _server.CreateHubConnection(messagePack);
        await hub.StartAsync();

        var result = await hub.InvokeAsync<PredictionsResult>("LogPredictions", new LogPredictionsRequest
        {
            RunId = runId, BatchId = "hub", Actual = [100, 102, 101, 105, 104], Predicted = [101, 103, 100, 104, 106],
        });

        Assert.Equal(1.2, result.Metrics["fin/mae"]!.Value, 12);
        Assert.Equal(0.75, result.Metrics["fin/directional_accuracy"]!.Value, 12);
        Assert.Equal(4, result.ReturnCount);
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<PredictionsResult>("LogPredictions",
            new LogPredictionsRequest { RunId = runId, Actual = [1, 2], Predicted = [1, double.PositiveInfinity] }));
        Assert.Contains("predicted[1] is Infinity", refused.Message);
    }

    [Fact]
    public async Task Client_LogPredictionsAsync_ReturnsMetricsAndTheyAreOnTheRun()
    {
        await using var client = new FinSightClient(new FinSightClientOptions { ServerUrl = _server.Address, ApiKey = FinSightServer.AdminKey, SystemMetrics = false });
        await using var run = await client.StartRunAsync("predictions-client", "lstm");

        var result = await run.LogPredictionsAsync([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 11.5],
            returns: [0.01, -0.02, 0.015, -0.03, 0.02, 0.005, -0.01, 0.025, -0.005, 0.0], periodsPerYear: 12);

        Assert.True(result.ReturnsGiven);
        Assert.Equal(0.0255, result.Metrics["fin/var_95"]!.Value, 12);
        Assert.Equal(0.1967477507351859, result.Metrics["fin/sharpe_ratio"]!.Value, 9);
        var details = await _server.GetJsonAsync<RunDetails>($"api/v1/runs/{run.RunId}");
        Assert.Equal(0.03, details.Metrics.Single(m => m.Key == "fin/expected_shortfall_95").Latest, 12);
        await Assert.ThrowsAsync<HubException>(() => run.LogPredictionsAsync([1, 2], [1]));
    }

    private async Task<string> StartRunAsync()
    {
        var experimentId = await AccessTestUsers.CreateExperimentAsync(_server, $"predictions-{Guid.NewGuid():N}");
        var response = await _http.PostAsJsonAsync("api/v1/runs", new { experimentId });
        return (await response.Content.ReadFromJsonAsync<StartRunResult>(FinSightServer.Json))!.RunId;
    }

    private Task<HttpResponseMessage> PostAsync(string runId, string json) =>
        _http.PostAsync($"api/v1/runs/{runId}/predictions", new StringContent(json, Encoding.UTF8, "application/json"));
}
