using FinSight.Client;
using FinSight.Tests.Integration;
using Microsoft.Playwright;
using Xunit;

namespace FinSight.E2E;

/// <summary>
/// Reports downloaded from the run and compare pages, then opened from disk in Chromium with every request blocked:
/// the charts must draw from what the file holds, with no request made and no error.
/// </summary>
public sealed class ReportTests
{
    private static async Task<(FinSightServer Server, FinSightClient Client, FinSightRun Strong, FinSightRun Weak)> StartAsync()
    {
        var server = await FinSightServer.StartAsync();
        var client = new FinSightClient(new FinSightClientOptions { ServerUrl = server.Address, ApiKey = FinSightServer.AdminKey, SystemMetrics = false });
        var strong = await client.StartRunAsync("fx-report", "strong <b>run</b>", new Dictionary<string, string> { ["lr"] = "0.001", ["optimizer"] = "adam" });
        var weak = await client.StartRunAsync("fx-report", "weak", new Dictionary<string, string> { ["lr"] = "0.1", ["optimizer"] = "adam" });
        for (var step = 0; step < 60; step++)
        {
            strong.LogMetrics(new Dictionary<string, double>
            {
                ["train_loss"] = 1.0 / (step + 1), ["val_loss"] = 1.3 / (step + 1), ["accuracy"] = step / 60.0,
                ["system/cpu_percent"] = 40 + step % 9, ["system/memory_percent"] = 52,
            }, step);
            weak.LogMetrics(new Dictionary<string, double> { ["train_loss"] = 3.0 / (step + 1), ["val_loss"] = 3.5 / (step + 1), ["accuracy"] = step / 120.0 }, step);
        }
        strong.LogMetrics(new Dictionary<string, double> { ["fin/sharpe_ratio"] = 1.41, ["fin/max_drawdown"] = 0.07, ["fin/rmse"] = 0.021 }, 60);
        await strong.EndAsync();
        await weak.EndAsync();
        return (server, client, strong, weak);
    }

    [Fact]
    public async Task RunReport_DownloadedFromTheRunPage_OpensOfflineWithItsChartsDrawn()
    {
        var (server, client, strong, _) = await StartAsync();
        await using var _server = server;
        await using var _client = client;
        await using var browser = await BrowserSession.OpenAsync(server);
        await browser.GotoAsync(new Uri(server.Address, $"runs/{strong.RunId}").ToString());

        var path = await DownloadAsync(browser, "#run-report-download", $"finsight-run-strong-b-run-b-{strong.RunId[..8]}.html");
        await using var report = await OfflineReport.OpenAsync(browser, path, "run-report");

        // Training curves (losses together, accuracy), resources (the two percentages on one chart).
        Assert.Equal(3, report.Figures);
        Assert.Equal(["train_loss", "val_loss"], await report.TraceNamesAsync("training-chart-1"));
        Assert.Equal(60, await report.Page.EvaluateAsync<int>("() => document.getElementById('training-chart-1').data[0].x.length"));
        Assert.Equal(["system/cpu_percent", "system/memory_percent"], await report.TraceNamesAsync("resource-chart-1"));
        Assert.Equal("Run report: strong <b>run</b>", await report.Page.Locator("#report-title").InnerTextAsync());
        Assert.Contains("fin/sharpe_ratio", await report.Page.Locator("#financial-table").InnerTextAsync());
        Assert.Empty(report.Requests);
        Assert.Empty(report.Errors);
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task CompareReport_DownloadedFromTheComparePage_OpensOfflineWithATracePerRun()
    {
        var (server, client, strong, weak) = await StartAsync();
        await using var _server = server;
        await using var _client = client;
        await using var browser = await BrowserSession.OpenAsync(server);
        await browser.GotoAsync(new Uri(server.Address, $"compare?runIds={weak.RunId},{strong.RunId}").ToString());

        var path = await DownloadAsync(browser, "#compare-report-download", $"finsight-compare-2-runs-{weak.RunId[..8]}-{strong.RunId[..8]}.html");
        await using var report = await OfflineReport.OpenAsync(browser, path, "compare-report");

        // The Pareto chart of the two losses, then a chart per metric logged more than once (system metrics left out),
        // a trace per run in the address's order.
        Assert.Equal(4, report.Figures);
        Assert.Equal(["Pareto front", "weak", "strong <b>run</b> (front)"], await report.TraceNamesAsync("pareto-chart"));
        Assert.Equal(["weak", "strong <b>run</b>"], await report.TraceNamesAsync("compare-chart-1"));
        Assert.Contains("#1", await report.Page.Locator("#values-best-table").InnerTextAsync());
        Assert.Empty(report.Requests);
        Assert.Empty(report.Errors);
        Assert.Empty(browser.ConsoleErrors);
    }

    /// <summary>Clicks the page's download button and saves what arrives under a temporary folder, checking its name.</summary>
    private static async Task<string> DownloadAsync(BrowserSession browser, string button, string expectedName)
    {
        var download = await browser.Page.RunAndWaitForDownloadAsync(() => browser.Page.Locator(button).ClickAsync(), new() { Timeout = 30_000 });
        Assert.Equal(expectedName, download.SuggestedFilename);
        Assert.Null(await download.FailureAsync());
        var path = Path.Combine(Path.GetTempPath(), "finsight-e2e-reports", Guid.NewGuid().ToString("N"), download.SuggestedFilename);
        await download.SaveAsAsync(path);
        return path;
    }

    /// <summary>A report file opened in a fresh browser context that refuses every request but the file itself.</summary>
    private sealed class OfflineReport : IAsyncDisposable
    {
        private IBrowserContext _context = null!;
        private string _path = "";

        public IPage Page { get; private set; } = null!;

        /// <summary>Requests for anything other than the report file (each one was refused).</summary>
        public List<string> Requests { get; } = [];

        /// <summary>Console errors and uncaught page errors.</summary>
        public List<string> Errors { get; } = [];

        public int Figures { get; private set; }

        public static async Task<OfflineReport> OpenAsync(BrowserSession browser, string path, string screenshot)
        {
            var fileUrl = new Uri(path).AbsoluteUri;
            var report = new OfflineReport { _path = path, _context = await browser.Page.Context.Browser!.NewContextAsync(new() { Offline = true, ViewportSize = new() { Width = 1280, Height = 900 } }) };
            await report._context.RouteAsync("**/*", route =>
            {
                if (route.Request.Url == fileUrl) return route.ContinueAsync();
                report.Requests.Add(route.Request.Url);
                return route.AbortAsync();
            });
            report._context.Request += (_, request) =>
            {
                if (request.Url != fileUrl && !report.Requests.Contains(request.Url)) report.Requests.Add(request.Url);
            };
            report.Page = await report._context.NewPageAsync();
            report.Page.Console += (_, message) =>
            {
                if (message.Type is "error" or "warning") report.Errors.Add($"{message.Type}: {message.Text}");
            };
            report.Page.PageError += (_, error) => report.Errors.Add(error);
            await report.Page.GotoAsync(fileUrl, new() { WaitUntil = WaitUntilState.Load });
            report.Figures = await report.Page.Locator(".figure").CountAsync();
            Assert.True(report.Figures > 0, "The report has no figures.");
            // Every figure drawn: Plotly put its traces on the div and rendered its svg.
            await report.Page.WaitForFunctionAsync(
                "() => [...document.querySelectorAll('.figure')].every(f => f.data && f.data.length > 0 && f.querySelector('.main-svg'))",
                null, new() { Timeout = 30_000 });
            var folder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "screenshots"));
            Directory.CreateDirectory(folder);
            await report.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, screenshot + ".png"), FullPage = true });
            return report;
        }

        public Task<string[]> TraceNamesAsync(string figureId) =>
            // Plotly keeps the names as given (entities decoded only when drawn): decode as the legend shows them.
            Page.EvaluateAsync<string[]>(
                "id => { const t = document.createElement('textarea'); return document.getElementById(id).data.map(d => { t.innerHTML = d.name; return t.value; }); }",
                figureId);

        public async ValueTask DisposeAsync()
        {
            await _context.DisposeAsync();
            try { Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true); }
            catch (IOException) { /* a temporary file; the OS cleans it later */ }
        }
    }
}
