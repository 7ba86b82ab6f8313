using FinSight.Client;
using FinSight.Client.Http;
using FinSight.Core.Contracts;
using FinSight.Tests.Client.Tracking;
using FinSight.Tests.Integration;
using Xunit;

namespace FinSight.Tests.Client;

public sealed class FinSightRunArtifactTests : IAsyncLifetime
{
    private readonly TempFolder _local = new();
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
        _local.Dispose();
    }

    [Fact]
    public async Task LogArtifactAsync_File_StoredUnderItsName()
    {
        // Arrange
        var run = await _client.StartRunAsync("artifacts");
        var file = Path.Combine(_local.Path, "weights.bin");
        var bytes = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();
        await File.WriteAllBytesAsync(file, bytes);

        // Act
        var stored = Assert.Single(await run.LogArtifactAsync(file));

        // Assert
        Assert.Equal(("weights.bin", 300_000L), (stored.Path, stored.Size));
        using var http = _server.CreateHttpClient();
        Assert.Equal(bytes, await http.GetByteArrayAsync($"api/v1/runs/{run.RunId}/artifacts/weights.bin"));
    }

    [Fact]
    public async Task LogArtifactAsync_Folder_UploadsEveryFileKeepingRelativePaths()
    {
        // Arrange
        var run = await _client.StartRunAsync("artifacts");
        var folder = Path.Combine(_local.Path, "checkpoint");
        Directory.CreateDirectory(Path.Combine(folder, "shards"));
        await File.WriteAllTextAsync(Path.Combine(folder, "meta.json"), "{}");
        await File.WriteAllTextAsync(Path.Combine(folder, "shards", "0.bin"), "zero");

        // Act
        var stored = await run.LogArtifactAsync(folder, "models/best");

        // Assert
        Assert.Equal(["models/best/meta.json", "models/best/shards/0.bin"], stored.Select(s => s.Path));
        using var http = _server.CreateHttpClient();
        Assert.Equal("zero", await http.GetStringAsync($"api/v1/runs/{run.RunId}/artifacts/models/best/shards/0.bin"));
        var listing = await _server.GetJsonAsync<ArtifactListing>($"api/v1/runs/{run.RunId}/artifacts?path=models/best");
        Assert.Equal(["models/best/meta.json", "models/best/shards"], listing.Files.Select(f => f.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task LogArtifactAsync_ServerRefuses_ThrowsWithTheProblemDetail()
    {
        // Arrange
        var run = await _client.StartRunAsync("artifacts");
        var file = Path.Combine(_local.Path, "x.txt");
        await File.WriteAllTextAsync(file, "x");

        // Act: a name the server keeps for its unfinished uploads.
        var error = await Assert.ThrowsAsync<FinSightApiException>(() => run.LogArtifactAsync(file, ".finsight-upload-x"));

        // Assert
        Assert.Equal(400, (int)error.StatusCode);
        Assert.Contains(".finsight-upload-", error.Message);
    }

    [Fact]
    public async Task LogArtifactAsync_PathLeavesTheRun_RefusedBeforeSending()
    {
        // Arrange
        var run = await _client.StartRunAsync("artifacts");
        var file = Path.Combine(_local.Path, "x.txt");
        await File.WriteAllTextAsync(file, "x");

        // Act
        var error = await Assert.ThrowsAsync<ArgumentException>(() => run.LogArtifactAsync(file, "../escape.txt"));

        // Assert
        Assert.Contains("'..'", error.Message);
    }
}
