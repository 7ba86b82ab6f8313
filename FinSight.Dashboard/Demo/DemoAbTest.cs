using System.Net.Http.Json;
using System.Text.Json;
using FinSight.Client;

namespace FinSight.Dashboard.Demo;

/// <summary>
/// The demo's A/B test: two deployed versions of the demo model, serving simulated users whose conversions
/// arrive while the demo trains. It uses the public API and client like any service would (HTTP to define and
/// start the test, the hub to assign users and log outcomes), so a newcomer sees results, the SRM check and a
/// recommendation move live on <c>/ab-tests</c>. Created once per database; a later demo feeds it again while it runs.
/// </summary>
public static class DemoAbTest
{
    public const string Name = "demo: ranking model v2";

    /// <summary>Feeds the test until <paramref name="stopping"/>; failures are the demo's own and only logged.</summary>
    public static async Task RunAsync(Uri server, string apiKey, FinSightClient client, string experimentId, string modelRunId,
        TimeSpan interval, ILogger logger, CancellationToken stopping)
    {
        try
        {
            using var http = new HttpClient { BaseAddress = server };
            http.DefaultRequestHeaders.Authorization = new("Bearer", apiKey);
            if (await FindOrCreateAsync(http, experimentId, modelRunId, stopping) is not { } testId) return;
            var random = new Random(Environment.TickCount);
            for (var user = 0L; !stopping.IsCancellationRequested; )
            {
                var units = Enumerable.Range(0, 40).Select(_ => $"demo-user-{Interlocked.Increment(ref user)}-{random.Next():x}").ToList();
                var variants = await client.AssignVariantsAsync(testId, units, stopping);
                // v2 converts 12% of users against 10% for v1; latency, the guardrail, is the same for both (a real
                // slowdown, however small, would rightly be flagged once enough users arrive, and the demo should end in "ship").
                var observations = units.SelectMany(u => new[]
                {
                    new AbObservation(u, variants[u], "converted", random.NextDouble() < (variants[u] == "v2" ? 0.12 : 0.10) ? 1 : 0),
                    new AbObservation(u, variants[u], "latency_ms", 80 + 15 * Gaussian(random)),
                }).ToList();
                await client.LogObservationsAsync(testId, observations, stopping);
                await Task.Delay(interval, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "The demo A/B test stopped feeding.");
        }
    }

    /// <summary>The running demo test's id; null when it exists but has finished (a finished test stays as it is).</summary>
    private static async Task<string?> FindOrCreateAsync(HttpClient http, string experimentId, string modelRunId, CancellationToken stopping)
    {
        var tests = await http.GetFromJsonAsync<JsonElement>("api/v1/ab-tests", stopping);
        foreach (var test in tests.EnumerateArray())
        {
            if (test.GetProperty("name").GetString() != Name || test.GetProperty("experimentId").GetString() != experimentId) continue;
            var status = test.GetProperty("status").GetString();
            var id = test.GetProperty("testId").GetString()!;
            if (status == "draft") (await http.PostAsJsonAsync($"api/v1/ab-tests/{id}/start", new { }, stopping)).EnsureSuccessStatusCode();
            return status is "draft" or "running" ? id : null;
        }
        var modelRef = await DemoModel.RegisterAsync(http, modelRunId, stopping);
        var created = await http.PostAsJsonAsync("api/v1/ab-tests", new
        {
            name = Name,
            hypothesis = "The v2 ranking model converts more users without slowing responses down.",
            experimentId,
            variants = new object[] { new { name = "v1", weight = 0.5 }, new { name = "v2", weight = 0.5, modelRef } },
            control = "v1",
            metrics = new object[]
            {
                new { key = "converted", type = "binary", direction = "higher", baseline = 0.10 },
                new { key = "latency_ms", type = "continuous", direction = "lower", guardrail = true },
            },
            minDetectableEffect = 0.2,
        }, stopping);
        created.EnsureSuccessStatusCode();
        var testId = (await created.Content.ReadFromJsonAsync<JsonElement>(stopping)).GetProperty("testId").GetString()!;
        (await http.PostAsJsonAsync($"api/v1/ab-tests/{testId}/start", new { }, stopping)).EnsureSuccessStatusCode();
        return testId;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
