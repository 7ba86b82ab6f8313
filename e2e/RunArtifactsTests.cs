using System.Net;
using System.Text;
using FinSight.Core.Contracts;
using FinSight.Dashboard.Ingestion;
using FinSight.Tests.Integration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;

namespace FinSight.E2E;

/// <summary>The run page's artifacts panel in Debian's Chromium: files uploaded over the API, listed, previewed, downloaded and deleted.</summary>
public sealed class RunArtifactsTests
{
    /// <summary>A 2×1 PNG (one red, one blue pixel).</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAADUlEQVR4nGP4zwAE/wEHAAH/4iOeWQAAAABJRU5ErkJggg==");

    private static async Task<(FinSightServer Server, string RunId)> StartAsync()
    {
        var server = await FinSightServer.StartAsync();
        var ingestion = server.Services.GetRequiredService<IngestionService>();
        var experiment = await ingestion.CreateExperimentAsync(server.Admin, "artifacts-e2e", null);
        var run = await ingestion.StartRunAsync(server.Admin, new StartRunRequest { ExperimentId = experiment.ExperimentId, RunName = "with-files" });
        return (server, run.RunId);
    }

    private static async Task UploadAsync(FinSightServer server, string runId, string path, byte[] content)
    {
        using var http = server.CreateHttpClient();
        using var response = await http.PutAsync($"api/v1/runs/{runId}/artifacts/{path}", new ByteArrayContent(content));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task RunPage_UploadedFiles_ListedAndPreviewedAsJsonTableAndImage()
    {
        var (server, runId) = await StartAsync();
        await using var _ = server;
        await UploadAsync(server, runId, "metrics.json", """{"loss":0.25,"layers":[64,32]}"""u8.ToArray());
        await UploadAsync(server, runId, "data/predictions.csv", Encoding.UTF8.GetBytes("step,actual,predicted\n0,100,101\n1,\"1,02\",103\n"));
        await UploadAsync(server, runId, "plots/loss.png", Png);
        await using var browser = await BrowserSession.OpenAsync(server);
        var page = browser.Page;

        await browser.GotoAsync(new Uri(server.Address, $"runs/{runId}").ToString());
        var rows = page.Locator("#run-artifacts .artifact-row");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        Assert.Equal(["data", "plots", "metrics.json"], await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.path)"));
        Assert.Equal("30 B", (await page.Locator(".artifact-row[data-path='metrics.json'] .artifact-size").InnerTextAsync()).Trim());

        // JSON: pretty-printed.
        await page.Locator(".artifact-row[data-path='metrics.json'] .artifact-open").ClickAsync();
        await Assertions.Expect(page.Locator("#artifact-preview[data-path='metrics.json']")).ToBeVisibleAsync();
        Assert.Equal("{\n  \"loss\": 0.25,\n  \"layers\": [\n    64,\n    32\n  ]\n}", await page.Locator("#artifact-preview-text").InnerTextAsync());

        // CSV: a table, quoted commas kept in their cell; reached by opening its folder.
        await page.Locator(".artifact-row[data-path='data'] .artifact-open").ClickAsync();
        await page.Locator(".artifact-row[data-path='data/predictions.csv'] .artifact-open").ClickAsync();
        var table = page.Locator("#artifact-preview-table");
        await Assertions.Expect(table).ToBeVisibleAsync();
        Assert.Equal(["step", "actual", "predicted"], await table.Locator("thead th").AllInnerTextsAsync());
        Assert.Equal(["1", "1,02", "103"], await table.Locator("tbody tr").Nth(1).Locator("td").AllInnerTextsAsync());

        // Back to the run's folder through the breadcrumbs, then the image, drawn from the download route with the sign-in cookie.
        await page.Locator("#artifact-breadcrumbs .artifact-crumb[data-path='']").ClickAsync();
        await page.Locator(".artifact-row[data-path='plots'] .artifact-open").ClickAsync();
        await page.Locator(".artifact-row[data-path='plots/loss.png'] .artifact-open").ClickAsync();
        var image = page.Locator("#artifact-preview-image");
        await Assertions.Expect(image).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('artifact-preview-image').complete", null, new() { Timeout = 10_000 });
        Assert.Equal(2, await image.EvaluateAsync<int>("img => img.naturalWidth"));

        // Every file downloads: the browser saves what the server stored.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(".artifact-row[data-path='plots/loss.png'] .artifact-download").ClickAsync());
        Assert.Equal("loss.png", download.SuggestedFilename);
        Assert.Equal(Png, await File.ReadAllBytesAsync((await download.PathAsync())!));
        await browser.ScreenshotAsync("run-artifacts");
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task RunPage_DeleteAfterConfirming_RemovesTheFile_AndEmptyRunSaysSo()
    {
        var (server, runId) = await StartAsync();
        await using var _ = server;
        await UploadAsync(server, runId, "notes.txt", "first line\nsecond line\n"u8.ToArray());
        await using var browser = await BrowserSession.OpenAsync(server);
        var page = browser.Page;
        await browser.GotoAsync(new Uri(server.Address, $"runs/{runId}").ToString());

        await page.Locator(".artifact-row[data-path='notes.txt'] .artifact-open").ClickAsync();
        Assert.Equal("first line\nsecond line\n", await page.Locator("#artifact-preview-text").InnerTextAsync());
        await page.Locator(".artifact-row[data-path='notes.txt'] .artifact-delete").ClickAsync();
        await page.Locator(".mud-dialog button", new() { HasText = "Delete" }).ClickAsync();

        await Assertions.Expect(page.Locator("#artifacts-empty")).ToContainTextAsync("No artifacts stored for this run.");
        using var http = server.CreateHttpClient();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"api/v1/runs/{runId}/artifacts/notes.txt")).StatusCode);
        Assert.Empty(browser.ConsoleErrors);
    }
}
