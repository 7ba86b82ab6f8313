using System.Diagnostics;
using System.Text.Json;
using FinSight.Core.Contracts;
using Xunit;

namespace FinSight.Tests.Integration;

/// <summary>A client not written in .NET (the npm SignalR packages) must be understood field by field, with both protocols.</summary>
public sealed class NodeClientTests
{
    private static readonly string NodeFolder = Path.Combine(AppContext.BaseDirectory, "Node");

    [Theory]
    [InlineData("json")]
    [InlineData("messagepack")]
    public async Task NodeHubClient_LogsRun_StoredFieldByField(string protocol)
    {
        Assert.True(Directory.Exists(Path.Combine(NodeFolder, "node_modules", "@microsoft", "signalr")),
            $"Run `npm ci --prefix FinSight.Tests/Node` first (the README's test command does).");
        await using var server = await FinSightServer.StartAsync();

        var output = await RunNodeAsync(server.Address, protocol);

        using var report = JsonDocument.Parse(output);
        var runId = report.RootElement.GetProperty("runId").GetString()!;
        Assert.True(report.RootElement.GetProperty("duplicateAck").GetBoolean());
        var sent = report.RootElement.GetProperty("sent").EnumerateArray().Select(p => new
        {
            Key = p.GetProperty("key").GetString()!,
            Step = p.GetProperty("step").GetInt64(),
            Timestamp = p.GetProperty("timestamp").GetInt64(),
            Value = p.GetProperty("value") is { ValueKind: JsonValueKind.String } s ? MetricValue.FromText(s.GetString()!).Number : p.GetProperty("value").GetDouble(),
        }).ToList();
        foreach (var key in sent.Select(p => p.Key).Distinct())
        {
            var history = await server.GetJsonAsync<MetricHistory>($"api/v1/runs/{runId}/metric-history?key={Uri.EscapeDataString(key)}");
            var expected = sent.Where(p => p.Key == key).Select(p => (p.Step, p.Timestamp, BitConverter.DoubleToInt64Bits(p.Value)));
            Assert.Equal(expected, history.Points.Select(p => (p.Step, p.Timestamp, BitConverter.DoubleToInt64Bits(p.Value))));
        }
        var details = await server.GetJsonAsync<RunDetails>($"api/v1/runs/{runId}");
        Assert.Equal(("FINISHED", $"node {protocol}"), (details.Info.Status, details.Info.RunName));
        Assert.Equal("optimizer=adam", details.Params.Select(p => $"{p.Key}={p.Value}").Single());
        Assert.Equal("client=node", details.Tags.Select(p => $"{p.Key}={p.Value}").Single());
    }

    private static async Task<string> RunNodeAsync(Uri server, string protocol)
    {
        var start = new ProcessStartInfo("node", [Path.Combine(NodeFolder, "hub-client.mjs"), server.ToString(), protocol, FinSightServer.AdminKey])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = NodeFolder,
        };
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await node.WaitForExitAsync(timeout.Token);
        Assert.True(node.ExitCode == 0, $"node exited with {node.ExitCode}: {await stderr}");
        return (await stdout).Trim().Split('\n')[^1];
    }
}
