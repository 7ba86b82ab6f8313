using FinSight.Client;
using FinSight.Tests.Integration;
using Microsoft.Playwright;
using Xunit;

namespace FinSight.E2E;

/// <summary>The compare and experiments pages in a real Chromium against the real server, fed by FinSightClient.</summary>
public sealed class ComparePageTests
{

    [Fact]
    public async Task ComparePage_TwoRunsWithDifferentLosses_BothTracesAndRankingBestFirst()
    {
        await using var server = await FinSightServer.StartAsync();
        await using var client = new FinSightClient(new FinSightClientOptions { ServerUrl = server.Address, ApiKey = FinSightServer.AdminKey, SystemMetrics = false });
        var strong = await client.StartRunAsync("fx-forecast", "strong", new Dictionary<string, string> { ["lr"] = "0.001", ["optimizer"] = "adam" });
        var weak = await client.StartRunAsync("fx-forecast", "weak", new Dictionary<string, string> { ["lr"] = "0.1", ["optimizer"] = "sgd" });
        for (var step = 0; step < 50; step++)
        {
            strong.LogMetrics(new Dictionary<string, double> { ["train_loss"] = 1.0 / (step + 1), ["val_loss"] = 1.3 / (step + 1) }, step);
            weak.LogMetrics(new Dictionary<string, double> { ["train_loss"] = 3.0 / (step + 1), ["val_loss"] = 3.5 / (step + 1) }, step);
        }
        await strong.EndAsync();
        await weak.EndAsync();
        await using var browser = await BrowserSession.OpenAsync(server);

        // The weak run is named first in the address: the ranking must reorder, not echo the address.
        await browser.GotoAsync(new Uri(server.Address, $"compare?runIds={weak.RunId},{strong.RunId}").ToString());
        await browser.Page.WaitForFunctionAsync(
            "() => { const c = document.getElementById('compare-chart-train_loss'); return c && c.data && c.data.length === 2 && c.data[0].x.length === 50; }",
            null, new() { Timeout = 30_000 });

        var traces = await browser.Page.EvaluateAsync<string[]>("() => document.getElementById('compare-chart-train_loss').data.map(t => t.name)");
        var lastStrong = await browser.Page.EvaluateAsync<double>("() => { const t = document.getElementById('compare-chart-train_loss').data[1]; return t.y[t.y.length - 1]; }");
        var ranking = await browser.Page.Locator("#rankings-train_loss tbody tr .ranking-run").AllInnerTextsAsync();
        var bars = await browser.Page.EvaluateAsync<int>("() => document.getElementById('compare-bars').data.length");
        await browser.Page.WaitForFunctionAsync("() => { const c = document.getElementById('compare-parcoords'); return c && c.data && c.data[0].dimensions.length === 3; }",
            null, new() { Timeout = 10_000 });
        await browser.Page.WaitForFunctionAsync("() => { const c = document.getElementById('compare-pareto-chart'); return c && c.data && c.data.length === 2; }",
            null, new() { Timeout = 10_000 });
        var front = await browser.Page.EvaluateAsync<string[]>("() => document.getElementById('compare-pareto-chart').data[0].text");
        var findings = await browser.Page.Locator("#compare-recommendations li.compare-finding").AllInnerTextsAsync();
        var shot = await browser.ScreenshotAsync("compare-page");

        Assert.Equal(["weak", "strong"], traces);
        Assert.Equal(1.0 / 50, lastStrong, 1e-12);
        Assert.Equal(["strong", "weak"], ranking.Select(r => r.Trim()));
        Assert.Equal(2, bars);
        Assert.Equal(["strong"], front); // lower on both losses: alone on the Pareto front
        Assert.Contains(findings, f => f.Contains("weak is dominated by strong"));
        Assert.True(await browser.Page.Locator("#compare-params tr[data-param='lr'].param-differs").IsVisibleAsync());
        Assert.True(File.Exists(shot));
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task ExperimentsPage_NewExperimentThroughTheDialog_ListedAndConfirmed()
    {
        await using var server = await FinSightServer.StartAsync();
        await using var client = new FinSightClient(new FinSightClientOptions { ServerUrl = server.Address, ApiKey = FinSightServer.AdminKey, SystemMetrics = false });
        var run = await client.StartRunAsync("existing-exp", "r1");
        await run.EndAsync();
        await using var browser = await BrowserSession.OpenAsync(server);
        await browser.GotoAsync(new Uri(server.Address, "experiments").ToString());
        await browser.Page.Locator("#experiments-grid").GetByText("existing-exp").WaitForAsync(new() { Timeout = 30_000 });

        await browser.Page.ClickAsync("#new-experiment");
        await browser.FillDialogAsync(("#experiment-name", "browser-made"), ("#experiment-description", "Created from Chromium"));
        await browser.Page.ClickAsync("#experiment-save");
        await browser.Page.Locator(".mud-snackbar").GetByText("Experiment 'browser-made' created.").WaitForAsync(new() { Timeout = 10_000 });
        await browser.Page.Locator("#experiments-grid a.experiment-link", new() { HasText = "browser-made" }).WaitForAsync(new() { Timeout = 10_000 });
        var shot = await browser.ScreenshotAsync("experiments-page");

        var names = await browser.Page.Locator("#experiments-grid a.experiment-link").AllInnerTextsAsync();
        Assert.Equal(["browser-made", "existing-exp"], names.Select(n => n.Trim()).Order());
        var stored = await server.GetJsonAsync<List<FinSight.Core.Contracts.ExperimentInfo>>("api/v1/experiments");
        Assert.Equal("Created from Chromium", stored.Single(e => e.Name == "browser-made").Description);
        Assert.True(File.Exists(shot));
        Assert.Empty(browser.ConsoleErrors);
    }
}
