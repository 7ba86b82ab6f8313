using System.Diagnostics;
using System.Globalization;
using FinSight.Client;
using Microsoft.Playwright;

namespace FinSight.Bench;

/// <summary>
/// A run page left open while a run logs: does the browser's memory stay bounded and the page stay
/// responsive? An hour at 100 points/s is 360,000 points per key; this logs them faster (by default
/// 3,000 steps/s of train_loss and val_loss for two minutes) and samples, every few seconds, the page's
/// JS heap after a forced GC, the longest Plotly trace, a frame's delay (requestAnimationFrame), and the
/// round trip of a Blazor interaction (Pause live → Resume live).
///   dotnet bench/bin/Release/net10.0/FinSight.Bench.dll soak [--steps-per-second 3000] [--seconds 120] [--sample 10]
/// </summary>
public static class SoakBench
{
    public static async Task<int> RunAsync(string repositoryRoot, string[] args)
    {
        var stepsPerSecond = Option(args, "--steps-per-second", 3000);
        var seconds = Option(args, "--seconds", 120);
        var sample = Option(args, "--sample", 10);
        var folder = Path.Combine(Path.GetTempPath(), "finsight-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        Console.WriteLine($"FinSight soak: run page open while a run logs {stepsPerSecond:N0} steps/s of 2 keys for {seconds} s " +
                          $"(= {stepsPerSecond * seconds / 100.0 / 60:0.#} minutes at 100 points/s), {Environment.ProcessorCount} cores");
        using var server = await ServerProcess.StartAsync(repositoryRoot, "Release", folder, 5400 + Random.Shared.Next(500));
        await using var client = new FinSightClient(new FinSightClientOptions { ServerUrl = server.Address, ApiKey = server.ApiKey, SystemMetrics = false });
        await using var run = await client.StartRunAsync("bench-soak", "soak");
        run.LogMetrics(Losses(0), 0);
        await run.FlushAsync();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BenchBrowser.LaunchAsync(playwright, "--enable-precise-memory-info", "--js-flags=--expose-gc");
        var page = await BenchBrowser.NewPageAsync(browser);
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);
        await BenchBrowser.SignInAsync(page, server, $"/runs/{run.RunId}");
        await page.WaitForFunctionAsync("() => document.getElementById('chart-train_loss')?.data?.length > 0", null, new() { Timeout = 60_000 });
        await page.Locator("#app-state[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        using var stop = new CancellationTokenSource();
        long step = 1;
        var logger = Task.Run(async () =>
        {
            var clock = Stopwatch.StartNew();
            while (!stop.IsCancellationRequested)
            {
                var due = (long)(clock.Elapsed.TotalSeconds * stepsPerSecond);
                for (; step <= due; step++) run.LogMetrics(Losses(step), step);
                await Task.Delay(10);
            }
        });

        Console.WriteLine("  elapsed  steps logged  JS heap (MB)  longest trace  frame delay (ms)  pause/resume round trip (ms)");
        var heaps = new List<double>();
        var interactions = new List<double>();
        var total = Stopwatch.StartNew();
        while (total.Elapsed.TotalSeconds < seconds)
        {
            await Task.Delay(TimeSpan.FromSeconds(sample));
            var heap = await page.EvaluateAsync<double>("() => { window.gc(); return performance.memory.usedJSHeapSize / 1048576; }");
            var longest = await page.EvaluateAsync<int>("() => Math.max(...document.getElementById('chart-train_loss').data.map(t => t.x.length))");
            var frame = await page.EvaluateAsync<double>("() => new Promise(r => { const t = performance.now(); requestAnimationFrame(() => r(performance.now() - t)); })");
            var interaction = Stopwatch.StartNew();
            await page.ClickAsync("#pause-live");
            await page.Locator("#pause-live", new() { HasText = "Resume live" }).WaitForAsync();
            await page.ClickAsync("#pause-live");
            await page.Locator("#pause-live", new() { HasText = "Pause live" }).WaitForAsync();
            interaction.Stop();
            heaps.Add(heap);
            interactions.Add(interaction.Elapsed.TotalMilliseconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {total.Elapsed.TotalSeconds,5:0}s  {Interlocked.Read(ref step),12:N0}  {heap,12:0.0}  {longest,13:N0}  {frame,16:0.0}  {interaction.Elapsed.TotalMilliseconds,28:0}"));
        }
        await stop.CancelAsync();
        await logger;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"JS heap first/last/max: {heaps[0]:0.0}/{heaps[^1]:0.0}/{heaps.Max():0.0} MB; pause/resume round trip median {Percentiles.Of(interactions.Order().ToList(), 0.5):0} ms, max {interactions.Max():0} ms; page errors: {pageErrors.Count}"));
        return pageErrors.Count == 0 ? 0 : 1;
    }

    private static Dictionary<string, double> Losses(long step) => new()
    {
        ["train_loss"] = 2.0 / Math.Sqrt(step + 1) + 0.05 * Math.Sin(step / 50.0),
        ["val_loss"] = 2.2 / Math.Sqrt(step + 1),
    };

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
