using FinSight.Client;
using FinSight.Tests.Integration;
using Microsoft.Playwright;
using Xunit;

namespace FinSight.E2E;

public sealed class HomePageTests
{
    private const string ChartPoints = "() => { const c = document.getElementById('live-loss-chart'); return c && c.data ? c.data[0].x.length : -1; }";

    [Fact]
    public async Task HomePage_ClientPushesPoints_LiveCurveAndActiveRunGainThemWithoutConsoleErrors()
    {
        await using var server = await FinSightServer.StartAsync();
        await using var client = new FinSightClient(new FinSightClientOptions { ServerUrl = server.Address, ApiKey = FinSightServer.AdminKey, SystemMetrics = false });
        var run = await client.StartRunAsync("browser", "live-curve");
        for (var step = 0; step < 10; step++) run.LogMetrics(new Dictionary<string, double> { ["train_loss"] = 2.0 / (step + 1), ["val_loss"] = 2.5 / (step + 1) }, step);
        await run.FlushAsync();
        await using var browser = await BrowserSession.OpenAsync(server);

        await browser.GotoAsync(server.Address.ToString());
        await browser.Page.WaitForFunctionAsync($"() => ({ChartPoints})() >= 10", null, new() { Timeout = 30_000 });
        var before = await browser.Page.EvaluateAsync<int>(ChartPoints);
        for (var step = 10; step < 40; step++) run.LogMetrics(new Dictionary<string, double> { ["train_loss"] = 2.0 / (step + 1), ["val_loss"] = 2.5 / (step + 1) }, step);
        await run.FlushAsync();
        await browser.Page.WaitForFunctionAsync($"() => ({ChartPoints})() >= 40", null, new() { Timeout = 30_000 });

        Assert.Equal(10, before);
        Assert.Equal(40, await browser.Page.EvaluateAsync<int>(ChartPoints));
        Assert.Equal(39, await browser.Page.EvaluateAsync<int>("() => { const d = document.getElementById('live-loss-chart').data[0].x; return d[d.length - 1]; }"));
        await Assertions.Expect(browser.Page.Locator("#active-runs")).ToContainTextAsync("live-curve");
        await Assertions.Expect(browser.Page.Locator("#count-running")).ToContainTextAsync("1");
        await browser.ScreenshotAsync("overview");
        Assert.Empty(browser.ConsoleErrors);
    }
}
