using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using FinSight.Client;
using FinSight.Core.Contracts;
using Microsoft.Data.Sqlite;

namespace FinSight.Bench;

/// <summary>
/// History read benchmark: one run with millions of points of one metric, logged through the real
/// ingestion path, then timed downsampled reads of the whole history (what a chart asks for first) and
/// full-resolution reads of a narrow step range (what zooming in asks for).
///   dotnet bench/bin/Release/net10.0/FinSight.Bench.dll history [--points 10000000] [--requests 50] [--range 2000] [--chunk-points 4096]
/// </summary>
public static class HistoryBench
{
    private const string Key = "train_loss";

    public static async Task<int> RunAsync(string repositoryRoot, string[] args)
    {
        long points = 10_000_000;
        int requests = 50, range = 2000;
        var chunkPoints = "4096";
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--points": points = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--requests": requests = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--range": range = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--chunk-points": chunkPoints = Next(); break;
                default: throw new ArgumentException($"Unknown option {args[i]}; history options: --points --requests --range --chunk-points.");
            }
        }
        var folder = Path.Combine(Path.GetTempPath(), "finsight-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        Console.WriteLine($"FinSight history benchmark: {points:N0} points of '{Key}', chunks of up to {chunkPoints} points, " +
                          $"{requests} requests per read, {Environment.ProcessorCount} cores");
        try
        {
            using var server = await ServerProcess.StartAsync(repositoryRoot, "Release", folder, 5400 + Random.Shared.Next(500),
                "--Storage:CompactionTargetPoints", chunkPoints);
            var runId = await SeedAsync(server, points);
            ReportChunks(Path.Combine(folder, "bench.db"));

            using var http = server.CreateHttpClient(TimeSpan.FromMinutes(2));
            var history = $"api/v1/runs/{runId}/metric-history?key={Key}";
            foreach (var maxPoints in new[] { 1000, 2000 })
            {
                var (timings, count) = await TimeAsync(server, http, requests, _ => $"{history}&maxPoints={maxPoints}");
                Report($"whole history, maxPoints={maxPoints}", timings, count);
            }
            var random = new Random(1);
            var (zoomed, zoomedCount) = await TimeAsync(server, http, requests, _ =>
            {
                var from = random.NextInt64(0, points - range);
                return $"{history}&fromStep={from}&toStep={from + range - 1}";
            });
            Report($"zoomed {range:N0}-step range, full resolution", zoomed, zoomedCount);
            return zoomedCount == range ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Logs the series through FinSight.Client in the largest batches the contract allows.</summary>
    private static async Task<string> SeedAsync(ServerProcess server, long points)
    {
        var clock = Stopwatch.StartNew();
        await using var client = new FinSightClient(new FinSightClientOptions
        {
            ServerUrl = server.Address,
            ApiKey = server.ApiKey,
            MaxBatchPoints = 10_000,
            MaxInFlightBatches = 8,
            MaxBufferedPoints = 200_000,
            SystemMetrics = false,
        });
        await using var run = await client.StartRunAsync("bench-history", "ten-million");
        var random = new Random(42);
        for (long step = 0; step < points; step++)
        {
            // A decaying loss with noise and rare spikes: spikes are what the min/max thinning must keep.
            var value = 2.0 * Math.Exp(-step / (points / 5.0)) + 0.05 * random.NextDouble();
            if (random.Next(100_000) == 0) value += 5;
            run.LogMetric(Key, value, step);
        }
        await run.EndAsync();
        Console.WriteLine($"seeded {run.AcknowledgedPoints:N0} points through FinSight.Client in {clock.Elapsed.TotalSeconds:F1} s " +
                          $"({run.AcknowledgedPoints / clock.Elapsed.TotalSeconds:N0} points/s)");
        return run.RunId;
    }

    private static void ReportChunks(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), AVG(PointCount), MAX(PointCount), SUM(MinPointStep IS NULL) FROM metric_chunks";
        using var reader = command.ExecuteReader();
        reader.Read();
        Console.WriteLine($"stored as {reader.GetInt64(0):N0} chunks, {reader.GetDouble(1):N0} points on average (largest {reader.GetInt64(2):N0}), " +
                          $"{reader.GetInt64(3)} without recorded extremes");
    }

    private static async Task<(double[] Milliseconds, int Points)> TimeAsync(ServerProcess server, HttpClient http, int requests, Func<int, string> path)
    {
        // Warm-up: JIT tiers, connection pool, page cache.
        for (var i = 0; i < 5; i++) await GetAsync(http, path(-1));
        var cpuBefore = server.CpuTime();
        var timings = new double[requests];
        var points = 0;
        for (var i = 0; i < requests; i++)
        {
            var clock = Stopwatch.StartNew();
            points = await GetAsync(http, path(i));
            timings[i] = clock.Elapsed.TotalMilliseconds;
        }
        // Wall time on a shared machine includes waiting for a core; server CPU per request does not.
        Console.Write($"server CPU {(server.CpuTime() - cpuBefore).TotalMilliseconds / requests:F1} ms/request; ");
        return (timings, points);
    }

    private static async Task<int> GetAsync(HttpClient http, string path)
    {
        var history = await http.GetFromJsonAsync<MetricHistory>(path, BenchJson.Options);
        return history!.Points.Count;
    }

    private static void Report(string what, double[] milliseconds, int points)
    {
        Array.Sort(milliseconds);
        Console.WriteLine($"{what}: p50 {Percentiles.Of(milliseconds, 0.50):F1} ms, p99 {Percentiles.Of(milliseconds, 0.99):F1} ms, " +
                          $"max {milliseconds[^1]:F1} ms ({milliseconds.Length} requests, {points:N0} points per answer, end to end over HTTP)");
    }
}
