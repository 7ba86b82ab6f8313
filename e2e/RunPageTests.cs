using System.Diagnostics;
using FinSight.Client;
using FinSight.Tests.Integration;
using Microsoft.Playwright;
using Xunit;

namespace FinSight.E2E;

/// <summary>The run page in Debian's Chromium against a real server fed by FinSight.Client.</summary>
public sealed class RunPageTests
{
    private const string Chart = "document.getElementById('chart-train_loss')";

    private static async Task<(FinSightServer Server, FinSightClient Client, FinSightRun Run)> StartAsync(string name, int steps)
    {
        var server = await FinSightServer.StartAsync();
        var client = new FinSightClient(new FinSightClientOptions { ServerUrl = server.Address, ApiKey = FinSightServer.AdminKey, SystemMetrics = false });
        var run = await client.StartRunAsync("browser", name, new Dictionary<string, string> { ["optimizer"] = "adam" });
        for (var step = 0; step < steps; step++) run.LogMetrics(Losses(step), step);
        await run.FlushAsync();
        return (server, client, run);
    }

    private static Dictionary<string, double> Losses(long step) => new()
    {
        ["train_loss"] = 2.0 / (step + 1) * (step % 3 == 0 ? 1.3 : 1.0),
        ["val_loss"] = 2.5 / (step + 1),
    };

    private static async Task OpenAsync(BrowserSession browser, FinSightServer server, string runId, int points)
    {
        await browser.GotoAsync(new Uri(server.Address, $"runs/{runId}").ToString());
        await browser.Page.WaitForFunctionAsync($"() => {Chart}?.data?.[0]?.x?.length >= {points}", null, new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task RunPage_ClientPushesPoints_ChartTraceGainsThemWithinTwoSeconds()
    {
        var (server, client, run) = await StartAsync("live-run", 20);
        await using var _ = server;
        await using var __ = client;
        await using var browser = await BrowserSession.OpenAsync(server);
        await OpenAsync(browser, server, run.RunId, 20);

        var sent = Stopwatch.StartNew();
        for (var step = 20; step < 50; step++) run.LogMetrics(Losses(step), step);
        await run.FlushAsync();
        await browser.Page.WaitForFunctionAsync($"() => {Chart}.data[0].x.length >= 50 && {Chart}.data[2].x.length >= 50", null, new() { Timeout = 2_000 });
        sent.Stop();

        var lastStep = await browser.Page.EvaluateAsync<long>($"() => {{ const x = {Chart}.data[0].x; return x[x.length - 1]; }}");
        var names = await browser.Page.EvaluateAsync<string[]>($"() => {Chart}.data.filter(t => t.visible !== false).map(t => t.name)");
        Assert.Equal(49, lastStep);
        Assert.Equal(["train_loss", "val_loss"], names);
        Assert.True(sent.Elapsed < TimeSpan.FromSeconds(2), $"took {sent.Elapsed}");
        await browser.ScreenshotAsync("run-page");
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task RunPage_LogScaleAndSmoothing_ChangeTheFiguresLayoutAndData()
    {
        var (server, client, run) = await StartAsync("options-run", 30);
        await using var _ = server;
        await using var __ = client;
        await using var browser = await BrowserSession.OpenAsync(server);
        await OpenAsync(browser, server, run.RunId, 30);
        Assert.Equal("linear", await browser.Page.EvaluateAsync<string>($"() => {Chart}.layout.yaxis.type"));

        await browser.Page.Locator("#log-y").ClickAsync();
        await browser.Page.WaitForFunctionAsync($"() => {Chart}.layout.yaxis.type === 'log'", null, new() { Timeout = 10_000 });
        await browser.Page.Locator("#smoothing").EvaluateAsync(
            "e => { e.value = '0.8'; e.dispatchEvent(new Event('input', { bubbles: true })); e.dispatchEvent(new Event('change', { bubbles: true })); }");
        await browser.Page.WaitForFunctionAsync($"() => {Chart}.data[1].visible === true", null, new() { Timeout = 10_000 });

        var rawOpacity = await browser.Page.EvaluateAsync<double>($"() => {Chart}.data[0].opacity");
        var raw = await browser.Page.EvaluateAsync<double[]>($"() => {Chart}.data[0].y");
        var smoothed = await browser.Page.EvaluateAsync<double[]>($"() => {Chart}.data[1].y");
        Assert.Equal(0.25, rawOpacity);
        Assert.Equal(raw.Length, smoothed.Length);
        Assert.Equal(FinSight.Core.Analysis.ExponentialSmoothing.Smooth(raw, 0.8), smoothed, (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.Contains("0.80", await browser.Page.Locator("#smoothing-value").InnerTextAsync());
        await browser.ScreenshotAsync("run-page-log-smoothed");
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task RunPage_SystemMetricsPushed_GaugesShowThem()
    {
        var (server, client, run) = await StartAsync("gauges-run", 5);
        await using var _ = server;
        await using var __ = client;
        run.LogMetrics(new Dictionary<string, double>
        {
            ["system/cpu_percent"] = 37.5, ["system/memory_percent"] = 61, ["system/disk_percent"] = 12,
            ["system/gpu/0/utilization"] = 88, ["system/gpu/0/memory_used_gb"] = 30, ["system/gpu/0/memory_total_gb"] = 80,
            ["system/gpu/0/temperature_c"] = 71, ["system/gpu/0/power_w"] = 310,
        }, 5);
        await run.FlushAsync();
        await using var browser = await BrowserSession.OpenAsync(server);

        await OpenAsync(browser, server, run.RunId, 5);

        var cpu = browser.Page.Locator("[id='gauge-system/cpu_percent']");
        await Assertions.Expect(cpu).ToContainTextAsync("37.5 %");
        await Assertions.Expect(browser.Page.Locator("[id='gauge-system/gpu/0/utilization']")).ToContainTextAsync("88 %");
        await Assertions.Expect(browser.Page.Locator("[id='gauge-system/gpu/0/memory_used_gb']")).ToContainTextAsync("30 GB / 80 GB");
        await Assertions.Expect(browser.Page.Locator("[id='gauge-system/gpu/0/temperature_c']")).ToContainTextAsync("71 °C");
        await Assertions.Expect(browser.Page.Locator("[id='gauge-system/gpu/0/power_w']")).ToContainTextAsync("310 W");

        // a later sample moves the gauge live
        run.LogMetrics(new Dictionary<string, double> { ["system/cpu_percent"] = 93 }, 6);
        await run.FlushAsync();
        await Assertions.Expect(cpu).ToContainTextAsync("93 %");
        await browser.ScreenshotAsync("run-page-gauges");
        Assert.Empty(browser.ConsoleErrors);
    }
}
