using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using FinSight.Client;
using FinSight.Core.AbTesting;
using FinSight.Core.Contracts;

namespace FinSight.Bench;

/// <summary>
/// A/B test benchmark (issue 5): assignments per second, three ways — the hash alone in this process, over
/// HTTP (<c>POST /api/v1/ab-tests/{id}/assign</c>) and over the hub (MessagePack) with FinSight.Client — and
/// observations per second through the ingestion path (acknowledged = committed). Each figure is the median
/// of several rounds taken in one run.
///   dotnet bench/bin/Release/net10.0/FinSight.Bench.dll ab [--rounds 5] [--batch 10000] [--calls 20] [--clients 2]
/// </summary>
public static class AbTestBench
{
    public static async Task<int> RunAsync(string repositoryRoot, string[] args)
    {
        int rounds = 5, batch = 10_000, calls = 20, clients = 2;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--rounds": rounds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--batch": batch = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--calls": calls = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--clients": clients = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option {args[i]}; ab options: --rounds --batch --calls --clients.");
            }
        }
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        var folder = Path.Combine(Path.GetTempPath(), "finsight-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        Console.WriteLine($"FinSight A/B benchmark: {rounds} rounds; per round {clients} clients × {calls} calls × {batch:N0} unit ids; {Environment.ProcessorCount} cores");
        try
        {
            Report("hash only (in process, 1 thread)", Rounds(rounds, () => HashOnly(1_000_000)));

            using var server = await ServerProcess.StartAsync(repositoryRoot, "Release", folder, 5400 + Random.Shared.Next(500));
            using var http = server.CreateHttpClient(TimeSpan.FromMinutes(2));
            var testId = await CreateTestAsync(http);
            var units = Enumerable.Range(0, batch).Select(i => $"user-{i:D8}").ToArray();

            var httpRates = new List<double>();
            for (var r = 0; r < rounds; r++)
                httpRates.Add(await ParallelRateAsync(clients, calls, batch, async () =>
                {
                    using var response = await http.PostAsJsonAsync($"api/v1/ab-tests/{testId}/assign", new { unitIds = units });
                    response.EnsureSuccessStatusCode();
                }));
            Report("assign over HTTP (JSON)", httpRates);

            await using var client = new FinSightClient(new FinSightClientOptions
            {
                ServerUrl = server.Address, ApiKey = server.ApiKey, UseMessagePack = true, SystemMetrics = false,
            });
            var hubRates = new List<double>();
            for (var r = 0; r < rounds; r++)
                hubRates.Add(await ParallelRateAsync(clients, calls, batch, () => client.AssignVariantsAsync(testId, units)));
            Report("assign over the hub (MessagePack)", hubRates);

            await StartAsync(http, testId);
            var assigned = await client.AssignVariantsAsync(testId, units);
            var observationRates = new List<double>();
            var offset = 0;
            for (var r = 0; r < rounds; r++)
            {
                observationRates.Add(await ParallelRateAsync(1, calls, batch, () =>
                {
                    var round = Interlocked.Increment(ref offset);
                    // The same units again each call (a unit may have many samples), each call a new batch id.
                    var observations = units.Select((u, i) => new AbObservation(u, assigned[u], "converted", (i + round) % 7 == 0 ? 1 : 0)).ToList();
                    return client.LogObservationsAsync(testId, observations);
                }));
            }
            Report("observations over the hub, acknowledged", observationRates);
            return 0;
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static double HashOnly(int count)
    {
        var variants = new[] { new AbVariant("control", 0.5, null), new AbVariant("treatment", 0.5, null) };
        var ids = Enumerable.Range(0, count).Select(i => $"user-{i:D8}").ToArray();
        var clock = Stopwatch.StartNew();
        var control = 0;
        foreach (var id in ids) if (VariantAssigner.Assign(42, id, variants).Name == "control") control++;
        GC.KeepAlive(control);
        return count / clock.Elapsed.TotalSeconds;
    }

    private static List<double> Rounds(int rounds, Func<double> measure) => Enumerable.Range(0, rounds).Select(_ => measure()).ToList();

    /// <summary>Units per second when <paramref name="clients"/> callers each make <paramref name="calls"/> calls of <paramref name="batch"/> units.</summary>
    private static async Task<double> ParallelRateAsync(int clients, int calls, int batch, Func<Task> call)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            for (var c = 0; c < calls; c++) await call();
        })));
        return (double)clients * calls * batch / clock.Elapsed.TotalSeconds;
    }

    private static void Report(string what, List<double> rates)
    {
        var sorted = rates.Order().ToArray();
        var median = sorted[sorted.Length / 2];
        Console.WriteLine($"{what,-42} median {median,12:N0} units/s   (min {sorted[0]:N0}, max {sorted[^1]:N0}, {sorted.Length} rounds)");
    }

    private static async Task<string> CreateTestAsync(HttpClient http)
    {
        using var experiment = await http.PostAsJsonAsync("api/v1/experiments", new { name = "ab-bench" });
        experiment.EnsureSuccessStatusCode();
        var experimentId = (await experiment.Content.ReadFromJsonAsync<ExperimentRef>(BenchJson.Options))!.ExperimentId;
        using var created = await http.PostAsJsonAsync("api/v1/ab-tests", new
        {
            name = "bench",
            experimentId,
            variants = new[] { new { name = "control", weight = 0.5 }, new { name = "treatment", weight = 0.5 } },
            control = "control",
            metrics = new[] { new { key = "converted", type = "binary", direction = "higher" } },
            minSampleSize = 1000,
        });
        var text = await created.Content.ReadAsStringAsync();
        if (!created.IsSuccessStatusCode) throw new InvalidOperationException($"Creating the test failed: {text}");
        return System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("testId").GetString()!;
    }

    private static async Task StartAsync(HttpClient http, string testId)
    {
        using var response = await http.PostAsync($"api/v1/ab-tests/{testId}/start", JsonContent.Create(new { }));
        response.EnsureSuccessStatusCode();
    }
}
