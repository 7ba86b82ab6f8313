using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FinSight.Core.Access;
using Xunit;
using static FinSight.Tests.Integration.AccessTestUsers;

namespace FinSight.Tests.Integration.Mlflow;

/// <summary>How MLflow's clients authenticate (MLFLOW_TRACKING_TOKEN, or USERNAME/PASSWORD), and refusals in MLflow's error body.</summary>
public sealed class MlflowAuthTests : IAsyncLifetime
{
    private FinSightServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FinSightServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task BasicAuth_WithTheApiKeyAsPassword_IsAccepted()
    {
        using var http = _server.CreateHttpClient(apiKey: null);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"any-user-name:{FinSightServer.AdminKey}")));

        var id = await new MlflowCalls(http).CreateExperimentAsync("basic-auth");

        Assert.Equal("basic-auth", (await new MlflowCalls(http).GetAsync($"experiments/get?experiment_id={id}")).AssertOk()
            .Body.GetProperty("experiment").GetProperty("name").GetString());
    }

    [Fact]
    public async Task NoCredentials_IsUnauthenticatedInMlflowsBody()
    {
        using var http = _server.CreateHttpClient(apiKey: null);

        var answer = (await new MlflowCalls(http).PostAsync("runs/log-batch", "{}")).AssertError(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");

        Assert.Contains("MLFLOW_TRACKING_TOKEN", answer.Message);
    }

    [Fact]
    public async Task WrongKey_IsUnauthenticatedInMlflowsBody()
    {
        using var http = _server.CreateHttpClient(apiKey: "fsk_not_a_real_key_000000000000000000");

        (await new MlflowCalls(http).GetAsync("experiments/search")).AssertError(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task WithoutPermission_IsPermissionDeniedInMlflowsBody()
    {
        var experimentId = await CreateExperimentAsync(_server, "private");
        var admin = new MlflowCalls(_server.CreateHttpClient());
        var runId = await admin.CreateRunAsync(experimentId);
        var reader = await CreateAsync(_server, Roles.Researcher);
        await GrantAsync(_server, experimentId, reader, PermissionLevel.Read);
        var viewer = await CreateAsync(_server, Roles.Viewer);
        using var readerHttp = _server.CreateHttpClient(reader.Key);
        using var viewerHttp = _server.CreateHttpClient(viewer.Key);

        var write = (await new MlflowCalls(readerHttp).PostAsync("runs/log-metric", new { run_id = runId, key = "loss", value = 1.0, timestamp = 1L }))
            .AssertError(HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        (await new MlflowCalls(viewerHttp).PostAsync("experiments/create", new { name = "not allowed" })).AssertError(HttpStatusCode.Forbidden, "PERMISSION_DENIED");

        Assert.Contains("EDIT", write.Message);
        (await new MlflowCalls(readerHttp).GetAsync($"runs/get?run_id={runId}")).AssertOk();
        admin.Http.Dispose();
    }
}
