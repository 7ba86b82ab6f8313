using System.Net.Http.Json;
using FinSight.Tests.Integration;
using Microsoft.Playwright;
using Xunit;

namespace FinSight.E2E;

/// <summary>
/// An A/B test end to end in Chromium: defined through the list page's dialog, started on its page, fed observations
/// over HTTP with the admin's key, and concluded on the open page (winner and recommendation) without a reload.
/// </summary>
public sealed class AbTestPageTests
{
    private const float Timeout = 30_000;
    private const int PlannedSize = 200;

    [Fact]
    public async Task AbTest_CreatedInDialogStartedThenObserved_OpenPageShowsWinnerWithoutReload()
    {
        await using var server = await FinSightServer.StartAsync();
        using var http = server.CreateHttpClient();
        (await http.PostAsJsonAsync("api/v1/experiments", new { name = "checkout" })).EnsureSuccessStatusCode();
        await using var browser = await BrowserSession.OpenAsync(server);
        var page = browser.Page;

        await browser.GotoAsync(new Uri(server.Address, "ab-tests").ToString());
        await page.ClickAsync("#new-ab-test");
        await page.Locator(".mud-input-control.mud-select:has(#ab-experiment)").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "checkout" }).ClickAsync();
        await page.FillAsync("#ab-name", "ranker-v2");
        await page.FillAsync("#ab-hypothesis", "The v2 ranker converts more visitors.");
        await page.FillAsync("#ab-metric-key", "converted");
        await page.FillAsync("#ab-min-sample-size", PlannedSize.ToString());
        await browser.ScreenshotAsync("ab-test-dialog");
        await page.ClickAsync("#ab-save");

        await page.WaitForURLAsync("**/ab-tests/*", new() { Timeout = Timeout });
        var testId = page.Url.Split('/')[^1];
        await Assertions.Expect(page.Locator("#ab-planned")).ToContainTextAsync($"{PlannedSize} per variant", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#ab-status")).ToHaveTextAsync("draft");
        await page.ClickAsync("#ab-start");
        await Assertions.Expect(page.Locator("#ab-status")).ToHaveTextAsync("running", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#ab-recommendation")).ToContainTextAsync("No observations yet");

        // Treatment converts 30% of units, control 10%: clearly better at the planned size.
        var observations = Enumerable.Range(0, PlannedSize).SelectMany(i => new[]
        {
            new { unitId = $"c-{i}", variant = "control", metric = "converted", value = i < PlannedSize / 10 ? 1 : 0 },
            new { unitId = $"t-{i}", variant = "treatment", metric = "converted", value = i < PlannedSize * 3 / 10 ? 1 : 0 },
        }).ToList();
        using var response = await http.PostAsJsonAsync($"api/v1/ab-tests/{testId}/observations", new { batchId = "e2e-1", observations });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        await Assertions.Expect(page.Locator("#ab-winner")).ToHaveTextAsync("Winner: treatment", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#ab-recommendation")).ToContainTextAsync("Ship variant treatment");
        await Assertions.Expect(page.Locator("[id='ab-results-converted'] tr[data-variant='treatment'] .ab-mean")).ToHaveTextAsync("30.0%");
        await page.WaitForFunctionAsync(
            $"() => document.getElementById('ab-exposures-chart')?.data?.every(t => t.y[t.y.length - 1] === {PlannedSize})", null, new() { Timeout = Timeout });
        var ciNames = await page.EvaluateAsync<string[]>("() => document.getElementById('ab-ci-chart').data.map(t => t.name)");
        Assert.Equal(["control", "treatment"], ciNames);
        Assert.Equal(0, await page.Locator("#ab-srm").CountAsync());
        await browser.ScreenshotAsync("ab-test-page");

        await page.ClickAsync("#nav-ab-tests");
        var row = page.Locator("#ab-tests-table tbody tr", new() { Has = page.Locator("a.ab-test-link", new() { HasTextString = "ranker-v2" }) });
        await Assertions.Expect(row.Locator(".ab-test-significance")).ToHaveTextAsync("winner: treatment", new() { Timeout = Timeout });
        await browser.ScreenshotAsync("ab-tests");
        Assert.Empty(browser.ConsoleErrors);
    }
}
