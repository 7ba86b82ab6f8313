using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;

namespace FinSight.Tests.Integration.Mlflow;

/// <summary>An answer of the MLflow API: status and JSON body.</summary>
public sealed record MlflowAnswer(HttpStatusCode Status, JsonElement Body)
{
    public string ErrorCode => Body.GetProperty("error_code").GetString()!;

    public string Message => Body.GetProperty("message").GetString()!;

    /// <summary>Asserts MLflow's error shape, code and status.</summary>
    public MlflowAnswer AssertError(HttpStatusCode status, string code)
    {
        Assert.True(Status == status, $"expected {(int)status} {code}, got {(int)Status}: {Body}");
        Assert.Equal(code, ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(Message));
        return this;
    }

    public MlflowAnswer AssertOk()
    {
        Assert.True(Status == HttpStatusCode.OK, $"expected 200, got {(int)Status}: {Body}");
        return this;
    }
}

/// <summary>Calls the MLflow routes the way MLflow's Python client does: POST with a JSON body, GET with a query string.</summary>
public sealed class MlflowCalls(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public async Task<MlflowAnswer> PostAsync(string route, string json)
    {
        using var response = await Http.PostAsync("api/2.0/mlflow/" + route, new StringContent(json, Encoding.UTF8, "application/json"));
        return await ReadAsync(response);
    }

    public Task<MlflowAnswer> PostAsync(string route, object body) => PostAsync(route, JsonSerializer.Serialize(body));

    public async Task<MlflowAnswer> GetAsync(string routeAndQuery)
    {
        using var response = await Http.GetAsync("api/2.0/mlflow/" + routeAndQuery);
        return await ReadAsync(response);
    }

    public async Task<string> CreateExperimentAsync(string name) =>
        (await PostAsync("experiments/create", new { name })).AssertOk().Body.GetProperty("experiment_id").GetString()!;

    public async Task<string> CreateRunAsync(string experimentId, string runName = "run", long startTime = 1_700_000_000_000) =>
        (await PostAsync("runs/create", new { experiment_id = experimentId, run_name = runName, start_time = startTime, user_id = "someone" }))
        .AssertOk().Body.GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()!;

    public async Task<JsonElement> GetRunAsync(string runId) =>
        (await GetAsync($"runs/get?run_id={runId}")).AssertOk().Body.GetProperty("run");

    private static async Task<MlflowAnswer> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(text.Length > 0, $"{(int)response.StatusCode} with an empty body");
        return new MlflowAnswer(response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }
}
