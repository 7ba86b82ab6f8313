using System.Text.Json;
using FinSight.Client;
using FinSight.Core.Contracts;
using FinSight.Dashboard.Demo;
using FinSight.Tests.Integration;
using Xunit;

namespace FinSight.Tests.Demo;

public sealed class DemoArtifactsTests : IAsyncLifetime
{
    private FinSightServer _server = null!;
    private FinSightClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await FinSightServer.StartAsync();
        _client = new FinSightClient(new FinSightClientOptions { ServerUrl = _server.Address, ApiKey = FinSightServer.AdminKey, SystemMetrics = false });
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task UploadAsync_DemoRun_HasItsConfigModelFolderAndDataCsv()
    {
        // Arrange
        var run = await _client.StartRunAsync("demo artifacts");
        var parameters = new Dictionary<string, string> { ["learning_rate"] = "3e-4" };

        // Act
        await DemoArtifacts.UploadAsync(run, parameters, CancellationToken.None);

        // Assert: the run page lists them, the registry's runs:/<run>/model source exists, the config carries the params.
        var root = await _server.GetJsonAsync<ArtifactListing>($"api/v1/runs/{run.RunId}/artifacts");
        Assert.Equal(["config.json", "data", "model"], root.Files.Select(f => f.Path).Order(StringComparer.Ordinal));
        var model = await _server.GetJsonAsync<ArtifactListing>($"api/v1/runs/{run.RunId}/artifacts?path=model");
        Assert.Equal(["model/MLmodel", "model/README.md"], model.Files.Select(f => f.Path).Order(StringComparer.Ordinal));
        using var http = _server.CreateHttpClient();
        var config = JsonDocument.Parse(await http.GetStringAsync($"api/v1/runs/{run.RunId}/artifacts/config.json")).RootElement;
        Assert.Equal("3e-4", config.GetProperty("parameters").GetProperty("learning_rate").GetString());
        var csv = await http.GetStringAsync($"api/v1/runs/{run.RunId}/artifacts/data/class_distribution.csv");
        Assert.Equal(11, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
