using System.Net;
using System.Net.Http.Json;
using FinSight.Client;
using FinSight.Tests.Integration;
using Microsoft.Playwright;
using Xunit;

namespace FinSight.E2E;

/// <summary>
/// Accounts and roles end to end in Chromium: an admin creates a Viewer on the users page; the Viewer signs in, is
/// offered no write action on the experiments, experiment and run pages, makes an API key on their account page, and
/// a write with that key is refused by the API with a message naming what is missing.
/// </summary>
public sealed class AccessControlTests
{
    private const string ViewerEmail = "viewer@finsight.test";
    private const string ViewerPassword = "viewer-password-e2e";
    private const float Timeout = 30_000;

    [Fact]
    public async Task Viewer_CreatedByAdminInTheBrowser_SeesNoWriteActionsAndTheirKeyCannotWrite()
    {
        await using var server = await FinSightServer.StartAsync();
        string experimentId, runId;
        await using (var client = new FinSightClient(new FinSightClientOptions { ServerUrl = server.Address, ApiKey = FinSightServer.AdminKey, SystemMetrics = false }))
        {
            var run = await client.StartRunAsync("shared-research", "baseline");
            for (var step = 0; step < 5; step++) run.LogMetrics(new Dictionary<string, double> { ["train_loss"] = 1.0 / (step + 1) }, step);
            await run.EndAsync();
            (experimentId, runId) = (run.ExperimentId, run.RunId);
        }
        await using var browser = await BrowserSession.OpenAsync(server, signIn: false);
        var page = browser.Page;

        // The admin creates the Viewer through the users page.
        await SignInAsync(browser, FinSightServer.AdminEmail, FinSightServer.AdminPassword);
        await browser.GotoAsync(Url(server, "experiments"));
        await Assertions.Expect(page.Locator("#new-experiment")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await browser.GotoAsync(Url(server, "admin/users"));
        await page.ClickAsync("#new-user");
        await browser.FillDialogAsync(("#new-user-email", ViewerEmail), ("#new-user-password", ViewerPassword));
        await page.Locator(".mud-input-control.mud-select:has(#new-user-role)").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Viewer" }).ClickAsync();
        await page.ClickAsync("#new-user-save");
        var row = page.Locator("#users-table tbody tr", new() { Has = page.Locator(".user-email", new() { HasTextString = ViewerEmail }) });
        await Assertions.Expect(row.Locator(".user-role input")).ToHaveValueAsync("Viewer", new() { Timeout = Timeout });
        await browser.ScreenshotAsync("admin-users");
        // The creation is in the audit log, and the admin (MANAGE everywhere) is offered sharing.
        await browser.GotoAsync(Url(server, "admin/audit"));
        var createdEvent = page.Locator("#audit-table tbody tr", new() { Has = page.Locator(".audit-action", new() { HasTextString = "user_created" }) });
        await Assertions.Expect(createdEvent.Locator(".audit-target")).ToHaveTextAsync(ViewerEmail, new() { Timeout = Timeout });
        await browser.ScreenshotAsync("admin-audit");
        await browser.GotoAsync(Url(server, $"experiments/{experimentId}"));
        await page.ClickAsync("#share-experiment");
        await Assertions.Expect(page.Locator("#share-default")).ToContainTextAsync("READ", new() { Timeout = Timeout });
        await browser.ScreenshotAsync("admin-share");
        await page.ClickAsync("#share-done");
        await page.ClickAsync("#nav-signout");
        await page.WaitForURLAsync("**/signin", new() { Timeout = Timeout });

        // The Viewer sees the experiment, its run and the run's notes, and no way to change them.
        await SignInAsync(browser, ViewerEmail, ViewerPassword);
        await browser.GotoAsync(Url(server, "experiments"));
        await Assertions.Expect(page.Locator("a.experiment-link", new() { HasTextString = "shared-research" })).ToBeVisibleAsync(new() { Timeout = Timeout });
        Assert.Equal(0, await page.Locator("#new-experiment, #new-experiment-empty, .edit-experiment, .delete-experiment, .restore-experiment").CountAsync());
        await browser.GotoAsync(Url(server, $"experiments/{experimentId}"));
        await Assertions.Expect(page.Locator("#experiment-name")).ToHaveTextAsync("shared-research", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#runs-grid .run-name")).ToContainTextAsync("baseline", new() { Timeout = Timeout });
        Assert.Equal(0, await page.Locator("#share-experiment").CountAsync());
        await browser.GotoAsync(Url(server, $"runs/{runId}"));
        await Assertions.Expect(page.Locator("#notes-text")).ToBeVisibleAsync(new() { Timeout = Timeout });
        Assert.Equal(0, await page.Locator("#edit-notes").CountAsync());
        await browser.ScreenshotAsync("viewer-run");

        // Their own key, made on the account page and read from the dialog that shows it once.
        await browser.GotoAsync(Url(server, "account"));
        await Assertions.Expect(page.Locator("#account-role")).ToHaveTextAsync("Viewer");
        await page.FillAsync("#new-key-name", "notebook");
        await page.ClickAsync("#create-key");
        var secret = (await page.Locator("#api-key-secret").InnerTextAsync(new() { Timeout = Timeout })).Trim();
        await page.ClickAsync("#api-key-secret-done");
        await Assertions.Expect(page.Locator("#own-keys-table .key-name")).ToHaveTextAsync("notebook");
        await browser.ScreenshotAsync("viewer-account");

        using var http = server.CreateHttpClient(secret);
        using var logged = await http.PostAsJsonAsync($"api/v1/runs/{runId}/log-batch",
            new { batchId = "viewer-write", metrics = new[] { new { key = "train_loss", value = 0.01, step = 99 } } });
        Assert.Equal(HttpStatusCode.Forbidden, logged.StatusCode);
        Assert.Contains($"You need EDIT permission on experiment {experimentId}; the Viewer role can only read.", await logged.Content.ReadAsStringAsync());
        using var created = await http.PostAsJsonAsync("api/v1/experiments", new { name = "viewer-experiment" });
        Assert.Equal(HttpStatusCode.Forbidden, created.StatusCode);
        Assert.Contains("Creating experiments needs the Researcher or Admin role; you are a Viewer.", await created.Content.ReadAsStringAsync());
        // The key itself is good: reading is allowed.
        using var read = await http.GetAsync($"api/v1/runs/{runId}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Empty(browser.ConsoleErrors);
    }

    private static string Url(FinSightServer server, string path) => new Uri(server.Address, path).ToString();

    /// <summary>Signs in through the sign-in page and checks the app bar names the user.</summary>
    private static async Task SignInAsync(BrowserSession browser, string email, string password)
    {
        await browser.SignInAsync(email, password);
        await Assertions.Expect(browser.Page.Locator("#nav-account")).ToContainTextAsync(email);
    }
}
