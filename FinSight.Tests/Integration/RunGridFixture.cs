using FinSight.Client;
using FinSight.Core.Query;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Data;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FinSight.Tests.Integration;

/// <summary>
/// A real server holding one experiment of five runs pushed through FinSightClient, chosen to hit the filter's
/// edge cases: numeric and non-numeric params, NaN metrics, keys with '/', a run still running.
/// </summary>
public sealed class RunGridFixture : IAsyncLifetime
{
    public FinSightServer Server { get; private set; } = null!;

    public string ExperimentId { get; private set; } = "";

    /// <summary>Run ids by run name.</summary>
    public Dictionary<string, string> Ids { get; } = [];

    private FinSightClient _client = null!;

    public RunGridQuery Query => Server.Services.GetRequiredService<RunGridQuery>();

    public async ValueTask InitializeAsync()
    {
        Server = await FinSightServer.StartAsync();
        _client = new FinSightClient(new FinSightClientOptions { ServerUrl = Server.Address, ApiKey = FinSightServer.AdminKey, SystemMetrics = false });
        await AddAsync("lstm-adam", RunStatus.Finished, new() { ["optimizer"] = "adam", ["lr"] = "0.0005", ["batch"] = "32" },
            new() { ["team"] = "fx" }, ("val_loss", [0.9, 0.05, 0.08]), ("val/acc", [0.91]));
        await AddAsync("lstm-sgd", null, new() { ["optimizer"] = "sgd", ["lr"] = "0.01", ["batch"] = "64" },
            new() { ["team"] = "rates" }, ("val_loss", [1.1, 0.15, 0.2]));
        await AddAsync("GRU baseline", RunStatus.Failed, new() { ["lr"] = "auto", ["date"] = "2024-01-31" },
            new(), ("val_loss", [double.NaN]));
        await AddAsync("transformer", RunStatus.Killed, new() { ["optimizer"] = "Adam", ["lr"] = "1e-4", ["batch"] = "128" },
            new() { ["team"] = "fx" }, ("val_loss", [0.3, 0.01]), ("val/acc", [0.7]));
        await AddAsync("tcn", RunStatus.Finished, new() { ["optimizer"] = "adamw", ["lr"] = "-3", ["batch"] = "32.0" },
            new() { ["team"] = "FX" }, ("val_loss", [0.5, double.NaN]));
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await Server.DisposeAsync();
    }

    /// <summary>The same runs as in-memory records, read back through the server's read API.</summary>
    public async Task<List<RunRecord>> RecordsAsync()
    {
        var reader = Server.Services.GetRequiredService<TrackingReader>();
        var records = new List<RunRecord>();
        foreach (var id in Ids.Values)
        {
            var run = await reader.GetRunAsync(Server.Admin, id);
            records.Add(new RunRecord(run.Info.RunId, run.Info.RunName, run.Info.Status, run.Info.StartTime, run.Info.EndTime, run.Info.Owner,
                run.Params.ToDictionary(p => p.Key!, p => p.Value!), run.Tags.ToDictionary(t => t.Key!, t => t.Value!),
                run.Metrics.ToDictionary(m => m.Key, m => new RunMetricSummary(m.Latest, m.Min, m.Max))));
        }
        return records;
    }

    public string[] Names(IEnumerable<string> runIds) =>
        runIds.Select(id => Ids.Single(p => p.Value == id).Key).ToArray();

    private async Task AddAsync(string name, RunStatus? end, Dictionary<string, string> parameters, Dictionary<string, string> tags,
        params (string Key, double[] Values)[] metrics)
    {
        var run = await _client.StartRunAsync("grid", name, parameters, tags);
        foreach (var (key, values) in metrics)
        {
            for (var step = 0; step < values.Length; step++) run.LogMetric(key, values[step], step);
        }
        await run.FlushAsync();
        if (end is { } status) await run.EndAsync(status);
        Ids[name] = run.RunId;
        ExperimentId = run.ExperimentId;
    }
}
