using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using FinSight.Bench;
using FinSight.Client;

// Ingestion benchmark (issue 2): N concurrent simulated training runs log through FinSight.Client
// to a FinSight server in its own process; we count acknowledged (committed, durable) points.
//   dotnet run -c Release --project bench -- [--runs 8] [--batch 1000] [--seconds 20] [--keys 10] [--json] [--synchronous Full]
// Sub-commands: `history` (history read latency), `latency` (push-to-browser latency), `soak` (a page left open) and `ab`
// (A/B assignment and observation throughput) and `mlflow` (MLflow log-batch over HTTP); see README.
if (args is ["history", ..]) return await HistoryBench.RunAsync(FindRepositoryRoot(), args[1..]);
if (args is ["latency", ..]) return await LatencyBench.RunAsync(FindRepositoryRoot(), args[1..]);
if (args is ["soak", ..]) return await SoakBench.RunAsync(FindRepositoryRoot(), args[1..]);
if (args is ["ab", ..]) return await AbTestBench.RunAsync(FindRepositoryRoot(), args[1..]);
if (args is ["mlflow", ..]) return await MlflowLogBatchBench.RunAsync(FindRepositoryRoot(), args[1..]);
var settings = BenchSettings.Parse(args);
var root = FindRepositoryRoot();
var folder = Path.Combine(Path.GetTempPath(), "finsight-bench", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;

Console.WriteLine($"FinSight ingestion benchmark: {settings.Runs} runs, batches of {settings.Batch} points, {settings.Keys} keys per step, " +
                  $"{(settings.Json ? "JSON" : "MessagePack")}, synchronous={settings.Synchronous}, {settings.Seconds} s, {Environment.ProcessorCount} cores");

var baseline = RowInsertBaseline.MeasurePointsPerSecond(folder, 1_000_000, settings.Synchronous);
Console.WriteLine($"row-per-point baseline (Microsoft.Data.Sqlite, prepared, 10k rows/txn, WAL, index): {baseline:N0} points/s");

using var server = await ServerProcess.StartAsync(root, "Release", folder, 5400 + Random.Shared.Next(500));
var latencies = new ConcurrentBag<double>();
await using var client = new FinSightClient(new FinSightClientOptions
{
    ServerUrl = server.Address,
    ApiKey = server.ApiKey,
    UseMessagePack = !settings.Json,
    MaxBatchPoints = settings.Batch,
    SystemMetrics = false,
    Acknowledged = (_, latency) => latencies.Add(latency.TotalMilliseconds),
});
var runs = new List<FinSightRun>();
for (var i = 0; i < settings.Runs; i++) runs.Add(await client.StartRunAsync("bench", $"bench-{i}"));

var cpuBefore = server.CpuTime();
var clock = Stopwatch.StartNew();
var stop = DateTime.UtcNow.AddSeconds(settings.Seconds);
var logged = new long[settings.Runs];
var producers = runs.Select((run, r) => Task.Run(async () =>
{
    var keys = Enumerable.Range(0, settings.Keys).Select(k => $"metric_{k}").ToArray();
    for (long step = 0; DateTime.UtcNow < stop; step++)
    {
        foreach (var key in keys) run.LogMetric(key, Math.Sin(step * 0.001) + r, step);
        logged[r] += keys.Length;
    }
    await run.FlushAsync();
})).ToList();
await Task.WhenAll(producers);
var elapsed = clock.Elapsed;
var cpu = server.CpuTime() - cpuBefore;
var acknowledged = runs.Sum(r => r.AcknowledgedPoints);
foreach (var run in runs) await run.EndAsync();

var sorted = latencies.Order().ToArray();
double Percentile(double p) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];
var rate = acknowledged / elapsed.TotalSeconds;
Console.WriteLine($"logged {logged.Sum():N0} points, acknowledged {acknowledged:N0} in {elapsed.TotalSeconds:F1} s");
Console.WriteLine($"acknowledged (durable) rate: {rate:N0} points/s");
Console.WriteLine($"ack latency per batch: p50 {Percentile(0.50):F1} ms, p99 {Percentile(0.99):F1} ms ({sorted.Length:N0} batches)");
Console.WriteLine($"server CPU: {cpu.TotalSeconds / elapsed.TotalSeconds * 100:F0}% of one core; server peak memory: {server.PeakMemoryMiB():N0} MiB");
Console.WriteLine($"ratio to the row-per-point baseline: {rate / baseline:F2}x");
try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
return acknowledged == logged.Sum() ? 0 : 1;

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "FinSight.Dashboard.sln"))) return dir.FullName;
    }
    throw new InvalidOperationException("Run the benchmark from inside the FinSight repository.");
}
