using FinSight.Core.Contracts;
using FinSight.Dashboard.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FinSight.Tests.Integration;

/// <summary>
/// One server with two finished runs for the report tests: "hostile" (markup in its name, a param and a tag; train
/// and validation loss where validation turns up at step 20 while training keeps falling; accuracy with a NaN;
/// system metrics; every fin/* metric) and "baseline" (a steadily learning run with another learning rate).
/// </summary>
public sealed class ReportsFixture : IAsyncLifetime
{
    public const string HostileName = "<script>alert('name')</script> & co";
    public const string HostileParam = "<img src=x onerror=alert(1)>";
    public const string HostileTag = "</script><script>alert(2)</script>";
    public const int Steps = 40;

    public static readonly IReadOnlyDictionary<string, double> Financial = new Dictionary<string, double>
    {
        ["fin/mae"] = 0.0123, ["fin/mse"] = 0.000456, ["fin/rmse"] = 0.0213, ["fin/mape"] = 0.0317, ["fin/directional_accuracy"] = 0.5625,
        ["fin/profit_loss"] = 0.0841, ["fin/sharpe_ratio"] = 1.2345, ["fin/volatility"] = 0.1789, ["fin/max_drawdown"] = 0.0611,
        ["fin/var_95"] = 0.0234, ["fin/expected_shortfall_95"] = 0.0312,
    };

    public FinSightServer Server { get; private set; } = null!;
    public string ExperimentId { get; private set; } = "";
    public string HostileRunId { get; private set; } = "";
    public string BaselineRunId { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Server = await FinSightServer.StartAsync();
        var ingestion = Server.Services.GetRequiredService<IngestionService>();
        ExperimentId = (await ingestion.CreateExperimentAsync(Server.Admin, "reports", null)).ExperimentId;
        HostileRunId = await StartAsync(ingestion, HostileName, [new("lr", "0.001"), new("optimizer", "adam"), new("note", HostileParam)], [new("team", HostileTag)]);
        BaselineRunId = await StartAsync(ingestion, "baseline", [new("lr", "0.01"), new("optimizer", "adam")], [new("team", "fx")]);

        var hostile = new List<MetricPointInput>();
        var baseline = new List<MetricPointInput>();
        for (var step = 0; step < Steps; step++)
        {
            hostile.Add(Point("train_loss", 1.0 / (step + 1), step));
            // Validation loss falls until step 20, then rises: overfitting that begins at step 20.
            hostile.Add(Point("val_loss", step <= 20 ? 1.2 / (step + 1) : 1.2 / 21 + 0.01 * (step - 20), step));
            hostile.Add(Point("accuracy", step == 7 ? double.NaN : step / (double)Steps, step));
            hostile.Add(Point("system/cpu_percent", 40 + step % 7, step));
            hostile.Add(Point("system/memory_percent", 55, step));
            hostile.Add(Point("system/gpu/0/temperature_c", 60 + step % 5, step));
            baseline.Add(Point("train_loss", 2.0 / (step + 1), step));
            baseline.Add(Point("val_loss", 2.2 / (step + 1), step));
            baseline.Add(Point("accuracy", step / (2.0 * Steps), step));
        }
        hostile.AddRange(Financial.Select(f => Point(f.Key, f.Value, Steps)));
        await ingestion.LogBatchAsync(Server.Admin, HostileRunId, new LogBatchRequest { BatchId = "all", Metrics = hostile });
        await ingestion.LogBatchAsync(Server.Admin, BaselineRunId, new LogBatchRequest { BatchId = "all", Metrics = baseline });
        await ingestion.EndRunAsync(Server.Admin, new EndRunRequest { RunId = HostileRunId, Status = "FINISHED" });
        await ingestion.EndRunAsync(Server.Admin, new EndRunRequest { RunId = BaselineRunId, Status = "FINISHED" });
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();

    private async Task<string> StartAsync(IngestionService ingestion, string name, List<KeyValueEntry> parameters, List<KeyValueEntry> tags) =>
        (await ingestion.StartRunAsync(Server.Admin, new StartRunRequest { ExperimentId = ExperimentId, RunName = name, Params = parameters, Tags = tags })).RunId;

    private static MetricPointInput Point(string key, double value, long step) =>
        new() { Key = key, Value = value, Step = step, Timestamp = 1_760_000_000_000 + step * 1000 };
}
