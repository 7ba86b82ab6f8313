using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace FinSight.Bench;

/// <summary>
/// MLflow log-batch benchmark (issue 7): what an MLflow training script's <c>log_metrics</c> loop sends — sequential
/// <c>POST /api/2.0/mlflow/runs/log-batch</c> requests of 1,000 metrics each (10 keys × 100 steps, MLflow's JSON shape)
/// over one HTTP/1.1 keep-alive connection with an API key — against a FinSight server in its own process. A batch counts
/// when it is answered 200 (committed). The issue quotes a stock MLflow tracking server on SQLite at about 9,000–12,000
/// points/s for this workload on this machine; MLflow cannot be installed here, so the ratio is to that range's midpoint.
///   dotnet run -c Release --project bench -- mlflow [--seconds 20] [--rounds 3]
/// </summary>
public static class MlflowLogBatchBench
{
    private const double StockMlflowPointsPerSecond = 10_500;
    private const int Keys = 10;
    private const int StepsPerBatch = 100;

    public static async Task<int> RunAsync(string repositoryRoot, string[] args)
    {
        int seconds = 20, rounds = 3;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--seconds": seconds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--rounds": rounds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option {args[i]}; mlflow options: --seconds --rounds.");
            }
        }
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        var folder = Path.Combine(Path.GetTempPath(), "finsight-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        Console.WriteLine($"FinSight MLflow log-batch benchmark: sequential batches of {Keys * StepsPerBatch:N0} metrics, {rounds} rounds of {seconds} s, {Environment.ProcessorCount} cores");
        try
        {
            using var server = await ServerProcess.StartAsync(repositoryRoot, "Release", folder, 5400 + Random.Shared.Next(500));
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
            {
                BaseAddress = server.Address,
                DefaultRequestVersion = HttpVersion.Version11,
            };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.ApiKey);
            var experimentId = (await PostAsync(http, "experiments/create", $$"""{"name":"mlflow-bench-{{Guid.NewGuid():N}}"}"""))
                .GetProperty("experiment_id").GetString()!;
            var rates = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                var runId = (await PostAsync(http, "runs/create", $$"""{"experiment_id":"{{experimentId}}","run_name":"bench-{{round}}","start_time":{{Now()}}}"""))
                    .GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()!;
                var (points, elapsed, latencies, failed) = await ReplayAsync(http, runId, TimeSpan.FromSeconds(seconds));
                var rate = points / elapsed.TotalSeconds;
                rates.Add(rate);
                latencies.Sort();
                Console.WriteLine($"round {round + 1}: {points:N0} points acknowledged in {elapsed.TotalSeconds:F1} s = {rate:N0} points/s; " +
                                  $"batch round trip p50 {Percentiles.Of(latencies, 0.50):F2} ms, p99 {Percentiles.Of(latencies, 0.99):F2} ms ({latencies.Count:N0} batches, {failed} refused)");
                if (failed > 0) return 1;
            }
            rates.Sort();
            var median = rates[rates.Count / 2];
            Console.WriteLine($"median of {rounds}: {median:N0} points/s = {median / StockMlflowPointsPerSecond:F1}x stock MLflow on SQLite ({StockMlflowPointsPerSecond:N0} points/s, the issue's figure)");
            Console.WriteLine($"server CPU so far: {server.CpuTime().TotalSeconds:F0} s; server peak memory: {server.PeakMemoryMiB():N0} MiB");
            return 0;
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<(long Points, TimeSpan Elapsed, List<double> Latencies, int Failed)> ReplayAsync(HttpClient http, string runId, TimeSpan duration)
    {
        var buffer = new ArrayBufferWriter<byte>(96 * 1024);
        var latencies = new List<double>();
        long points = 0;
        var failed = 0;
        var clock = Stopwatch.StartNew();
        for (long firstStep = 0; clock.Elapsed < duration; firstStep += StepsPerBatch)
        {
            buffer.ResetWrittenCount();
            WriteBatch(buffer, runId, firstStep);
            var started = Stopwatch.GetTimestamp();
            using var content = new ReadOnlyMemoryContent(buffer.WrittenMemory);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync("api/2.0/mlflow/runs/log-batch", content);
            await response.Content.ReadAsByteArrayAsync();
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (response.StatusCode == HttpStatusCode.OK) points += Keys * StepsPerBatch;
            else failed++;
        }
        return (points, clock.Elapsed, latencies, failed);
    }

    /// <summary>The body MLflow's client sends: {"run_id", "metrics": [{key, value, timestamp, step}]}.</summary>
    private static void WriteBatch(IBufferWriter<byte> output, string runId, long firstStep)
    {
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteString("run_id", runId);
        json.WriteStartArray("metrics");
        var timestamp = Now();
        for (var step = firstStep; step < firstStep + StepsPerBatch; step++)
        {
            for (var k = 0; k < Keys; k++)
            {
                json.WriteStartObject();
                json.WriteString("key", KeyNames[k]);
                json.WriteNumber("value", Math.Sin(step * 0.001) + k);
                json.WriteNumber("timestamp", timestamp);
                json.WriteNumber("step", step);
                json.WriteEndObject();
            }
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static readonly string[] KeyNames = Enumerable.Range(0, Keys).Select(k => $"metric_{k}").ToArray();

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static async Task<JsonElement> PostAsync(HttpClient http, string route, string json)
    {
        using var response = await http.PostAsync("api/2.0/mlflow/" + route, new StringContent(json, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{route} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
