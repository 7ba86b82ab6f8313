using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FinSight.Client;
using Microsoft.Playwright;

namespace FinSight.Bench;

/// <summary>
/// Push-to-browser latency: a probe run logs points with unique values through FinSight.Client while other
/// runs push background load; headless Chromium shows the probe run's page, and a script in the page notes
/// when each value appears in the chart's Plotly data. Latency = that time minus the time the client logged
/// and flushed the point (one machine, one clock).
///   dotnet bench/bin/Release/net10.0/FinSight.Bench.dll latency [--seconds 30] [--background 100000] [--background-runs 4]
///       [--probes-per-second 8] [--page /runs/{runId}] [--chart chart-train_loss] [--notify 00:00:00.250]
/// </summary>
public static class LatencyBench
{
    private const string ProbeKey = "train_loss";

    public static async Task<int> RunAsync(string repositoryRoot, string[] args)
    {
        var o = LatencySettings.Parse(args);
        var folder = Path.Combine(Path.GetTempPath(), "finsight-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        Console.WriteLine($"FinSight push-to-browser latency: {o.Seconds} s of probes at {o.ProbesPerSecond}/s, background {o.Background:N0} points/s " +
                          $"over {o.BackgroundRuns} runs, coalescing {o.Notify}, page {o.Page}, chart #{o.Chart}, {Environment.ProcessorCount} cores");
        try
        {
            using var server = await ServerProcess.StartAsync(repositoryRoot, "Release", folder, 5400 + Random.Shared.Next(500),
                "--Live:NotifyInterval", o.Notify);
            await using var probeClient = new FinSightClient(new FinSightClientOptions { ServerUrl = server.Address, ApiKey = server.ApiKey, SystemMetrics = false });
            await using var probeRun = await probeClient.StartRunAsync("bench-latency", "probe");
            // One point first, so the run page has a chart to open.
            probeRun.LogMetric(ProbeKey, ChartProbeScript.Value(0), 0);
            await probeRun.FlushAsync();

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await BenchBrowser.LaunchAsync(playwright);
            var page = await BenchBrowser.NewPageAsync(browser);
            var pageErrors = new List<string>();
            page.PageError += (_, error) => pageErrors.Add(error);
            await BenchBrowser.SignInAsync(page, server, o.Page.Replace("{runId}", probeRun.RunId, StringComparison.Ordinal));
            await page.WaitForFunctionAsync($"() => document.getElementById('{o.Chart}')?.data?.some(t => t.y?.includes({ChartProbeScript.Value(0)}))",
                null, new() { Timeout = 60_000 });
            await page.EvaluateAsync(ChartProbeScript.Install, o.Chart);
            await CheckClocksAsync(page);

            using var stop = new CancellationTokenSource();
            await using var background = await BackgroundLoad.StartAsync(server, o.Background, o.BackgroundRuns, stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(3));   // let the load settle before the first probe

            var cpuBefore = server.CpuTime();
            var acknowledgedBefore = background.AcknowledgedPoints;
            var clock = Stopwatch.StartNew();
            var sent = new Dictionary<int, double>();
            var random = new Random(7);
            for (var id = 1; clock.Elapsed.TotalSeconds < o.Seconds; id++)
            {
                sent[id] = EpochMilliseconds();
                probeRun.LogMetric(ProbeKey, ChartProbeScript.Value(id), id);
                _ = probeRun.FlushAsync();   // send now rather than at the client's next flush tick
                // Jittered gaps, so probes do not lock step with the 250 ms notification throttle.
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(500, 1500) / (double)o.ProbesPerSecond));
            }
            await probeRun.FlushAsync();
            await Task.Delay(2000);   // the last probes' way to the page
            var elapsed = clock.Elapsed;
            var cpu = server.CpuTime() - cpuBefore;
            var backgroundRate = (background.AcknowledgedPoints - acknowledgedBefore) / elapsed.TotalSeconds;
            await stop.CancelAsync();

            var seen = JsonSerializer.Deserialize<Dictionary<string, double>>(await page.EvaluateAsync<string>(ChartProbeScript.Read))!;
            var latencies = sent.Where(s => seen.ContainsKey(s.Key.ToString(CultureInfo.InvariantCulture)))
                .Select(s => seen[s.Key.ToString(CultureInfo.InvariantCulture)] - s.Value).Order().ToArray();
            var missing = sent.Count - latencies.Length;
            Console.WriteLine($"background: {backgroundRate:N0} points/s acknowledged during the measurement; server CPU {cpu.TotalSeconds / elapsed.TotalSeconds * 100:F0}% of one core");
            Console.WriteLine($"push-to-browser latency over {latencies.Length} probes: p50 {Percentiles.Of(latencies, 0.50):F0} ms, " +
                              $"p99 {Percentiles.Of(latencies, 0.99):F0} ms, max {(latencies.Length > 0 ? latencies[^1] : double.NaN):F0} ms, " +
                              $"min {(latencies.Length > 0 ? latencies[0] : double.NaN):F0} ms; {missing} never seen");
            foreach (var error in pageErrors) Console.WriteLine($"page error: {error}");
            return missing == 0 && pageErrors.Count == 0 ? 0 : 1;
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static double EpochMilliseconds() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

    /// <summary>The page's clock must read between two readings of ours, or the latencies mean nothing.</summary>
    private static async Task CheckClocksAsync(IPage page)
    {
        var before = EpochMilliseconds();
        var inPage = await page.EvaluateAsync<double>(ChartProbeScript.Clock);
        var after = EpochMilliseconds();
        Console.WriteLine($"clock check: page {inPage - before:F1} ms after our reading before, {after - inPage:F1} ms before our reading after");
        if (inPage < before - 5 || inPage > after + 5) throw new InvalidOperationException("The page's clock disagrees with this process's clock.");
    }
}
