using FinSight.Client;
using FinSight.Tests.Integration;
using Microsoft.Playwright;
using Xunit;

namespace FinSight.E2E;

/// <summary>The hyperparameters page in a real Chromium against the real server, reached from the experiment page.</summary>
public sealed class HyperparametersPageTests
{
    [Fact]
    public async Task HyperparametersPage_FromTheExperimentPage_ChartsDrawnAndRecommendationsShown()
    {
        await using var server = await FinSightServer.StartAsync();
        await using var client = new FinSightClient(new FinSightClientOptions { ServerUrl = server.Address, ApiKey = FinSightServer.AdminKey, SystemMetrics = false });
        var experimentId = "";
        for (var i = 0; i < 12; i++)
        {
            var optimizer = i % 3 == 0 ? "sgd" : "adam";
            var run = await client.StartRunAsync("tuning", $"trial-{i}",
                new Dictionary<string, string> { ["lr"] = $"{i + 1}e-3", ["optimizer"] = optimizer, ["seed"] = "42" });
            var loss = 0.1 + 0.1 * (i + 1) + (optimizer == "sgd" ? 0.15 : 0);
            run.LogMetrics(new Dictionary<string, double> { ["train_loss"] = loss / 2, ["val_loss"] = loss }, 0);
            await run.EndAsync();
            experimentId = run.ExperimentId;
        }
        await using var browser = await BrowserSession.OpenAsync(server);
        await browser.GotoAsync(new Uri(server.Address, $"experiments/{experimentId}").ToString());

        await browser.Page.ClickAsync("#experiment-hyperparameters-link", new() { Timeout = 30_000 });
        await browser.Page.WaitForFunctionAsync(
            "() => { const c = document.getElementById('hp-importance-chart'); return c && c.data && c.data.length === 2; }",
            null, new() { Timeout = 30_000 });
        await browser.Page.WaitForFunctionAsync(
            "() => ['hp-scatter-lr', 'hp-scatter-optimizer', 'hp-parcoords'].every(id => { const c = document.getElementById(id); return c && c.data && c.data.length > 0; })",
            null, new() { Timeout = 10_000 });
        var bars = await browser.Page.EvaluateAsync<string[]>("() => document.getElementById('hp-importance-chart').data[0].x");
        var best = await browser.Page.EvaluateAsync<double[]>("() => document.getElementById('hp-scatter-lr').data[1].x");
        var axes = await browser.Page.EvaluateAsync<string[]>("() => document.getElementById('hp-parcoords').data[0].dimensions.map(d => d.label)");
        var recommendations = await browser.Page.Locator("#hp-recommendations li").AllInnerTextsAsync();
        var shot = await browser.ScreenshotAsync("hyperparameters-page");

        Assert.EndsWith($"/experiments/{experimentId}/hyperparameters", browser.Page.Url);
        Assert.Equal(["lr", "optimizer"], bars);
        Assert.Equal([0.001, 0.002], best.Order());
        Assert.Equal(["lr", "optimizer", "val_loss (best)"], axes);
        Assert.StartsWith("Best of 12 runs by best val_loss (lower is better): trial-1", recommendations[0].Trim());
        Assert.True(File.Exists(shot));
        Assert.Empty(browser.ConsoleErrors);
    }
}
