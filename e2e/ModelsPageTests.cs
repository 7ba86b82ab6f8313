using System.Net.Http.Json;
using System.Text.Json;
using FinSight.Tests.Integration;
using Microsoft.Playwright;
using Xunit;

namespace FinSight.E2E;

/// <summary>
/// The model registry in Chromium: a model with two versions registered through MLflow's API, browsed on /models and on its
/// page (versions, the alias, the source-run link, the A/B test serving it), and an alias set from the page.
/// </summary>
public sealed class ModelsPageTests
{
    private const float Timeout = 30_000;

    [Fact]
    public async Task Models_RegisteredThroughMlflowApi_ListedAndBrowsedWithAliasRunLinkAndAbTest()
    {
        await using var server = await FinSightServer.StartAsync();
        using var http = server.CreateHttpClient();
        var experiment = await ReadAsync(await http.PostAsJsonAsync("api/v1/experiments", new { name = "fx" }));
        var experimentId = experiment.GetProperty("experimentId").GetString()!;
        var runId = (await ReadAsync(await http.PostAsJsonAsync("api/v1/runs", new { experimentId, runName = "trainer" }))).GetProperty("runId").GetString()!;
        await ReadAsync(await http.PostAsJsonAsync("api/2.0/mlflow/registered-models/create", new { name = "fx-forecaster", description = "EUR/USD one-day forecaster" }));
        for (var i = 0; i < 2; i++)
            await ReadAsync(await http.PostAsJsonAsync("api/2.0/mlflow/model-versions/create", new { name = "fx-forecaster", source = $"runs:/{runId}/model", run_id = runId }));
        await ReadAsync(await http.PostAsJsonAsync("api/2.0/mlflow/registered-models/alias", new { name = "fx-forecaster", alias = "champion", version = "2" }));
        var abTest = await ReadAsync(await http.PostAsJsonAsync("api/v1/ab-tests", new
        {
            name = "champion-vs-v1", experimentId, control = "control", minSampleSize = 100,
            variants = new[] { new { name = "control", weight = 0.5, modelRef = "models:/fx-forecaster/1" }, new { name = "treatment", weight = 0.5, modelRef = "models:/fx-forecaster@champion" } },
            metrics = new[] { new { key = "converted", type = "binary", direction = "higher" } },
        }));
        await using var browser = await BrowserSession.OpenAsync(server);
        var page = browser.Page;

        await browser.GotoAsync(new Uri(server.Address, "models").ToString());
        var row = page.Locator("#models-table tr.model-row", new() { Has = page.Locator("a.model-link", new() { HasTextString = "fx-forecaster" }) });
        await Assertions.Expect(row.Locator(".model-latest")).ToHaveTextAsync("Version 2", new() { Timeout = Timeout });
        await Assertions.Expect(row.Locator(".model-alias-chip")).ToHaveTextAsync("champion: v2");
        await Assertions.Expect(row.Locator(".model-description")).ToHaveTextAsync("EUR/USD one-day forecaster");
        await browser.ScreenshotAsync("models");

        await row.Locator("a.model-link").ClickAsync();
        await page.WaitForURLAsync("**/models/fx-forecaster", new() { Timeout = Timeout });
        await browser.WaitUntilInteractiveAsync();
        var versions = page.Locator("#model-versions-table tr.model-version-row");
        await Assertions.Expect(versions).ToHaveCountAsync(2, new() { Timeout = Timeout });
        Assert.Equal(["2", "1"], await versions.Locator(".model-version-number").AllTextContentsAsync());
        var v2 = page.Locator("#version-2");
        await Assertions.Expect(v2.Locator(".model-version-alias")).ToHaveTextAsync("champion");
        await Assertions.Expect(v2.Locator("a.model-version-run-link")).ToHaveAttributeAsync("href", $"/runs/{runId}");
        // The test was defined with the alias; it serves the version the alias pointed to then.
        await Assertions.Expect(v2.Locator("a.model-version-ab-link")).ToHaveTextAsync("champion-vs-v1");
        await Assertions.Expect(page.Locator("#version-1 a.model-version-ab-link")).ToHaveAttributeAsync("href", $"/ab-tests/{abTest.GetProperty("testId").GetString()}");

        await page.FillAsync("#alias-name", "challenger");
        await page.ClickAsync("#set-alias");
        await Assertions.Expect(v2.Locator(".model-version-alias[data-alias='challenger']")).ToHaveCountAsync(1, new() { Timeout = Timeout });
        var alias = await ReadAsync(await http.GetAsync("api/2.0/mlflow/registered-models/alias?name=fx-forecaster&alias=challenger"));
        Assert.Equal("2", alias.GetProperty("model_version").GetProperty("version").GetString());
        await browser.ScreenshotAsync("model");

        await v2.Locator("a.model-version-run-link").ClickAsync();
        await page.WaitForURLAsync($"**/runs/{runId}", new() { Timeout = Timeout });
        Assert.Empty(browser.ConsoleErrors);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
