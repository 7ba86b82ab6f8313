using FinSight.Cli;
using FinSight.Client.Tracking;
using FinSight.Tests.Client.Tracking;
using FinSight.Tests.Integration;
using Xunit;

namespace FinSight.Tests.Client.Sync;

public sealed class SyncCommandTests : IDisposable
{
    private readonly TempFolder _root = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose() => _root.Dispose();

    private static string? NoEnvironment(string name) => null;

    [Fact]
    public async Task Run_FolderMissing_UsageErrorNamingTheArgument()
    {
        // Act
        var code = await SyncCommand.RunAsync(["sync", "--server", "http://localhost:5000"], _output, _error, NoEnvironment);

        // Assert
        Assert.Equal(SyncCommand.UsageError, code);
        Assert.Contains("folder", _error.ToString());
    }

    [Fact]
    public async Task Run_UnknownOption_UsageErrorNamingTheOption()
    {
        // Act
        var code = await SyncCommand.RunAsync(["sync", _root.Path, "--sever", "http://localhost:5000"], _output, _error, NoEnvironment);

        // Assert
        Assert.Equal(SyncCommand.UsageError, code);
        Assert.Contains("--sever", _error.ToString());
    }

    [Fact]
    public async Task Run_UnknownOptionInsteadOfFolder_UsageErrorNamingTheOption()
    {
        // Act
        var code = await SyncCommand.RunAsync(["sync", "--bogus"], _output, _error, NoEnvironment);

        // Assert
        Assert.Equal(SyncCommand.UsageError, code);
        Assert.Contains("Unknown option '--bogus'", _error.ToString());
    }

    [Fact]
    public async Task Run_NoServer_UsageErrorNamingTheVariable()
    {
        // Act
        var code = await SyncCommand.RunAsync(["sync", _root.Path], _output, _error, NoEnvironment);

        // Assert
        Assert.Equal(SyncCommand.UsageError, code);
        Assert.Contains("FINSIGHT_URL", _error.ToString());
    }

    [Fact]
    public async Task Run_FolderDoesNotExist_UsageErrorNamingIt()
    {
        // Act
        var code = await SyncCommand.RunAsync(["sync", Path.Combine(_root.Path, "nope"), "--server", "http://localhost:5000"], _output, _error, NoEnvironment);

        // Assert
        Assert.Equal(SyncCommand.UsageError, code);
        Assert.Contains("nope", _error.ToString());
    }

    [Fact]
    public async Task Run_TwiceAgainstServerFromEnvironment_UploadsThenSkips()
    {
        // Arrange
        await using var server = await FinSightServer.StartAsync();
        await using (var tracker = new SimpleExperimentTracker(_root.Path))
        {
            await tracker.StartExperimentAsync("cli");
            await tracker.StartRunAsync("r", new Dictionary<string, string> { ["lr"] = "0.1" });
            for (var step = 0; step < 1234; step++) await tracker.LogMetricAsync("loss", step, step);
        }
        string? Environment(string name) => name switch
        {
            "FINSIGHT_URL" => server.Address.ToString(),
            "FINSIGHT_API_KEY" => FinSightServer.AdminKey,
            _ => null,
        };

        // Act
        var first = await SyncCommand.RunAsync(["sync", _root.Path], _output, _error, Environment);
        var firstOutput = _output.ToString();
        var second = await SyncCommand.RunAsync(["sync", _root.Path, "--experiment", "ignored-when-synced"], _output, _error, Environment);

        // Assert
        Assert.Equal((SyncCommand.Ok, SyncCommand.Ok), (first, second));
        Assert.Contains(": 1,234 points, 1 params, 0 artifacts", firstOutput);
        Assert.Contains("1 run(s): 1 uploaded, 0 already synced, 0 skipped, 0 failed.", firstOutput);
        Assert.Contains("already synced", _output.ToString()[firstOutput.Length..]);
        Assert.Equal("", _error.ToString());
    }
}
