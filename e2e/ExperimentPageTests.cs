using FinSight.Client;
using FinSight.Tests.Integration;
using Microsoft.Playwright;
using Xunit;

namespace FinSight.E2E;

public sealed class ExperimentPageTests
{
    private const string Rows = "#runs-grid tbody tr";

    [Fact]
    public async Task ExperimentPage_TypeFilter_GridNarrowsToMatchingRunsWithoutConsoleErrors()
    {
        await using var server = await FinSightServer.StartAsync();
        await using var client = new FinSightClient(new FinSightClientOptions { ServerUrl = server.Address, ApiKey = FinSightServer.AdminKey, SystemMetrics = false });
        string experimentId = "";
        var runs = new (string Name, string Optimizer, string Lr, double[] Loss)[]
        {
            ("lstm-adam", "adam", "0.0005", [0.9, 0.05, 0.07]),
            ("lstm-sgd", "sgd", "0.01", [1.1, 0.4, 0.42]),
            ("gru-adam", "adam", "0.003", [0.8, 0.2, 0.25]),
            ("tcn-rmsprop", "rmsprop", "0.001", [1.0, 0.09, 0.3]),
        };
        foreach (var (name, optimizer, lr, loss) in runs)
        {
            var run = await client.StartRunAsync("browser-grid", name, new Dictionary<string, string> { ["optimizer"] = optimizer, ["lr"] = lr },
                new Dictionary<string, string> { ["team"] = "fx" });
            for (var step = 0; step < loss.Length; step++) run.LogMetric("val/loss", loss[step], step);
            await run.FlushAsync();
            if (name != "gru-adam") await run.EndAsync();
            experimentId = run.ExperimentId;
        }
        await using var browser = await BrowserSession.OpenAsync(server);
        var page = browser.Page;

        await browser.GotoAsync(new Uri(server.Address, $"experiments/{experimentId}").ToString());
        await Assertions.Expect(page.Locator(Rows)).ToHaveCountAsync(4, new() { Timeout = 30_000 });
        await page.Locator("#run-filter").FillAsync("min(metrics.`val/loss`) < 0.1 and params.optimizer = 'adam'");
        await page.Locator("#run-filter").PressAsync("Enter");
        await Assertions.Expect(page.Locator(Rows)).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        var narrowed = await page.Locator($"{Rows} .run-name").AllInnerTextsAsync();

        await page.Locator("#run-filter").FillAsync("params.lr <= 0.001 or attributes.status = 'running'");
        await page.Locator("#apply-filter").ClickAsync();
        await Assertions.Expect(page.Locator(Rows)).ToHaveCountAsync(3, new() { Timeout = 30_000 });
        var widened = await page.Locator($"{Rows} .run-name").AllInnerTextsAsync();

        await page.Locator("#run-filter").FillAsync("params.lr <= ");
        await page.Locator("#run-filter").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#filter-error")).ToContainTextAsync("Expected a value after '<='", new() { Timeout = 30_000 });
        var screenshot = await browser.ScreenshotAsync("experiment-page");

        Assert.Equal(["lstm-adam"], narrowed);
        Assert.Equal(["gru-adam", "lstm-adam", "tcn-rmsprop"], widened.Order());
        Assert.Equal(3, await page.Locator(Rows).CountAsync());
        Assert.True(File.Exists(screenshot));
        Assert.Empty(browser.ConsoleErrors);
    }

}
