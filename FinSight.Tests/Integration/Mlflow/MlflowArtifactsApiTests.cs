using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FinSight.Core.Access;
using FinSight.Core.Contracts;
using FinSight.Dashboard.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static FinSight.Tests.Integration.AccessTestUsers;

namespace FinSight.Tests.Integration.Mlflow;

/// <summary>
/// The routes an MLflow client derives from the run's artifact URI <c>mlflow-artifacts:/&lt;exp&gt;/&lt;run&gt;/artifacts</c>, and
/// the tracking API's artifact listing, against the real server: shapes and error bodies as MLflow's server gives them.
/// </summary>
public sealed class MlflowArtifactsApiTests : IAsyncLifetime
{
    private FinSightServer _server = null!;
    private HttpClient _http = null!;
    private string _experimentId = "";

    public async ValueTask InitializeAsync()
    {
        _server = await FinSightServer.StartAsync(new() { ["Artifacts:MaxUploadBytes"] = "1024" });
        _http = _server.CreateHttpClient();
        _experimentId = await CreateExperimentAsync(_server, "mlflow-artifacts");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private string Root(string runId) => $"api/2.0/mlflow-artifacts/artifacts/{_experimentId}/{runId}/artifacts";

    [Fact]
    public async Task Put_UploadsTheFile_AnswersAnEmptyObject_AndV1SeesIt()
    {
        var runId = await StartRunAsync();

        using var response = await _http.PutAsync($"{Root(runId)}/model/MLmodel", new StringContent("flavors: {}\n"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        Assert.Equal("flavors: {}\n", await _http.GetStringAsync($"api/v1/runs/{runId}/artifacts/model/MLmodel"));
        Assert.True(File.Exists(Path.Combine(_server.Folder, "artifacts", _experimentId, runId, "model", "MLmodel")));
    }

    [Fact]
    public async Task List_AnswersBasenames_FoldersWithoutSize()
    {
        var runId = await StartRunAsync();
        await PutAsync(runId, "model/MLmodel", "m");
        await PutAsync(runId, "model/data/weights.bin", "12345");
        await PutAsync(runId, "metrics.json", "{}");

        var root = await ListAsync($"{_experimentId}/{runId}/artifacts");
        var model = await ListAsync($"{_experimentId}/{runId}/artifacts/model");
        var missing = await ListAsync($"{_experimentId}/{runId}/artifacts/nothing-here");

        Assert.Equal("""{"files":[{"path":"model","is_dir":true},{"path":"metrics.json","is_dir":false,"file_size":2}]}""", root);
        Assert.Equal("""{"files":[{"path":"data","is_dir":true},{"path":"MLmodel","is_dir":false,"file_size":1}]}""", model);
        Assert.Equal("""{"files":[]}""", missing);
    }

    [Fact]
    public async Task Get_DownloadsTheFile()
    {
        var runId = await StartRunAsync();
        await PutAsync(runId, "plots/loss.csv", "step,loss\n0,1.5\n");

        using var response = await _http.GetAsync($"{Root(runId)}/plots/loss.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("step,loss\n0,1.5\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_MissingFile_IsResourceDoesNotExist404()
    {
        var runId = await StartRunAsync();

        using var response = await _http.GetAsync($"{Root(runId)}/nothing.txt");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", error.GetProperty("error_code").GetString());
        Assert.Equal($"Run '{runId}' has no artifact file 'nothing.txt'.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Delete_RemovesTheFile()
    {
        var runId = await StartRunAsync();
        await PutAsync(runId, "a.txt", "x");

        using var response = await _http.DeleteAsync($"{Root(runId)}/a.txt");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"files":[]}""", await ListAsync($"{_experimentId}/{runId}/artifacts"));
    }

    [Fact]
    public async Task PathNamingAnotherExperiment_IsRefused_AndNothingIsWritten()
    {
        var runId = await StartRunAsync();
        var other = await CreateExperimentAsync(_server, "other");

        using var response = await _http.PutAsync($"api/2.0/mlflow-artifacts/artifacts/{other}/{runId}/artifacts/a.txt", new StringContent("x"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("INVALID_PARAMETER_VALUE", error.GetProperty("error_code").GetString());
        Assert.Equal($"Run '{runId}' belongs to experiment {_experimentId}, not {other}; use the run's artifact_uri.", error.GetProperty("message").GetString());
        Assert.False(Directory.Exists(Path.Combine(_server.Folder, "artifacts", other)));
    }

    [Theory]
    [InlineData("{exp}/{run}/a.txt", "must start with '<experimentId>/<runId>/artifacts'")]
    [InlineData("{exp}/{run}/artifacts/..%2f..%2fescaped.txt", "percent-encoded '%2f'")]
    [InlineData("{exp}/{run}/artifacts/a%5c..%5c..%5cescaped.txt", "backslash")]
    public async Task BadPath_IsInvalidParameterValue(string path, string rule)
    {
        var runId = await StartRunAsync();
        var target = "/api/2.0/mlflow-artifacts/artifacts/" + path.Replace("{exp}", _experimentId).Replace("{run}", runId);

        var answer = await RawHttp.SendAsync(_server, "PUT", target, FinSightServer.AdminKey, "x");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        var error = JsonDocument.Parse(answer.Body).RootElement;
        Assert.Equal("INVALID_PARAMETER_VALUE", error.GetProperty("error_code").GetString());
        Assert.Contains(rule, error.GetProperty("message").GetString());
        Assert.False(Directory.Exists(Path.Combine(_server.Folder, "artifacts")) && Directory.EnumerateFiles(Path.Combine(_server.Folder, "artifacts"), "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task Put_OverTheLimit_IsRefusedNamingTheLimit()
    {
        var runId = await StartRunAsync();

        using var response = await _http.PutAsync($"{Root(runId)}/big.bin", new ByteArrayContent(new byte[2048]));

        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("INVALID_PARAMETER_VALUE", error.GetProperty("error_code").GetString());
        Assert.Contains("limit of 1,024 bytes (Artifacts:MaxUploadBytes)", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task TrackingList_AnswersRootUriAndPathsRelativeToTheRun()
    {
        var runId = await StartRunAsync();
        await PutAsync(runId, "model/MLmodel", "m");
        await PutAsync(runId, "model/conda.yaml", "abc");

        var root = await _http.GetStringAsync($"api/2.0/mlflow/artifacts/list?run_id={runId}");
        var model = await _http.GetStringAsync($"api/2.0/mlflow/artifacts/list?run_id={runId}&path=model&page_token=");

        Assert.Equal($$"""{"root_uri":"mlflow-artifacts:/{{_experimentId}}/{{runId}}/artifacts","files":[{"path":"model","is_dir":true}]}""", root);
        Assert.Equal($$"""{"root_uri":"mlflow-artifacts:/{{_experimentId}}/{{runId}}/artifacts","files":[{"path":"model/MLmodel","is_dir":false,"file_size":1},{"path":"model/conda.yaml","is_dir":false,"file_size":3}]}""", model);
    }

    [Fact]
    public async Task TrackingList_UnknownRun_IsResourceDoesNotExist()
    {
        using var response = await _http.GetAsync($"api/2.0/mlflow/artifacts/list?run_id={new string('a', 32)}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task Viewer_CanListButNotUpload_PermissionDenied()
    {
        var runId = await StartRunAsync();
        var viewer = await CreateAsync(_server, Roles.Viewer);
        using var asViewer = _server.CreateHttpClient(viewer.Key);

        using var list = await asViewer.GetAsync($"api/2.0/mlflow-artifacts/artifacts?path={_experimentId}/{runId}/artifacts");
        using var upload = await asViewer.PutAsync($"{Root(runId)}/a.txt", new StringContent("x"));

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.Equal("PERMISSION_DENIED", (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_code").GetString());
    }

    private async Task<string> StartRunAsync() =>
        (await _server.Services.GetRequiredService<IngestionService>().StartRunAsync(_server.Admin, new StartRunRequest { ExperimentId = _experimentId })).RunId;

    private async Task PutAsync(string runId, string path, string text)
    {
        using var response = await _http.PutAsync($"{Root(runId)}/{path}", new StringContent(text, Encoding.UTF8));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task<string> ListAsync(string path) => _http.GetStringAsync($"api/2.0/mlflow-artifacts/artifacts?path={path}");
}
