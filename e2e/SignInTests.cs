using System.Net;
using System.Net.Http.Json;
using FinSight.Tests.Integration;
using Microsoft.Playwright;
using Xunit;

namespace FinSight.E2E;

public sealed class SignInTests
{
    [Fact]
    public async Task SignIn_AnonymousVisitToExperiments_SignInPageThenBackOnExperiments()
    {
        await using var server = await FinSightServer.StartAsync();
        await using var browser = await BrowserSession.OpenAsync(server, signIn: false);
        var page = browser.Page;

        await page.GotoAsync(new Uri(server.Address, "experiments").ToString());
        var signInUrl = new Uri(page.Url);
        await Assertions.Expect(page.Locator("#signin-email")).ToBeVisibleAsync();
        await browser.SubmitSignInAsync(FinSightServer.AdminEmail, FinSightServer.AdminPassword);
        await browser.WaitUntilInteractiveAsync();

        Assert.Equal("/signin", signInUrl.AbsolutePath);
        Assert.Equal("?returnUrl=%2Fexperiments", signInUrl.Query);
        Assert.Equal("/experiments", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.Locator("#new-experiment, #new-experiment-empty").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_RightPasswordRefusedBecauseLocked()
    {
        const string email = "locked-out@finsight.test";
        const string password = "the-right-password";
        await using var server = await FinSightServer.StartAsync();
        using (var admin = server.CreateHttpClient())
        {
            // A user of their own: locking the admin out would lock the test's key owner out of the pages too.
            using var created = await admin.PostAsJsonAsync("api/v1/admin/users", new { email, password, role = "Researcher" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        await using var browser = await BrowserSession.OpenAsync(server, signIn: false);
        var page = browser.Page;
        await page.GotoAsync(new Uri(server.Address, "signin").ToString());

        var failures = new List<string>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await browser.SubmitSignInAsync(email, $"wrong-password-{attempt}");
            failures.Add(await page.Locator("#signin-error").InnerTextAsync());
        }
        await browser.SubmitSignInAsync(email, password);
        var refusal = await page.Locator("#signin-error").InnerTextAsync();
        await browser.ScreenshotAsync("signin-locked");

        Assert.All(failures.Take(4), f => Assert.StartsWith("The email or password is wrong.", f));
        Assert.Contains("1 more wrong try locks the account", failures[3]);
        Assert.Contains("locked", failures[4]);
        Assert.Contains("the account is locked until", refusal);
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
        // Nothing signed the browser in: a page still sends it to the sign-in form.
        await page.GotoAsync(new Uri(server.Address, "experiments").ToString());
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
        // The lockout is the user's alone: the admin still signs in.
        await browser.SignInAsync(FinSightServer.AdminEmail, FinSightServer.AdminPassword);
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task SignIn_SignInPageAndSignedInOverview_NoConsoleErrors()
    {
        await using var server = await FinSightServer.StartAsync();
        await using var browser = await BrowserSession.OpenAsync(server, signIn: false);
        var page = browser.Page;

        await page.GotoAsync(new Uri(server.Address, "signin").ToString());
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(page.Locator("#signin-submit")).ToBeVisibleAsync();
        var screenshot = await browser.ScreenshotAsync("signin");
        var errorsOnSignInPage = browser.ConsoleErrors.ToList();
        await browser.SubmitSignInAsync(FinSightServer.AdminEmail, FinSightServer.AdminPassword);
        await browser.WaitUntilInteractiveAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.True(File.Exists(screenshot));
        Assert.Empty(errorsOnSignInPage);
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.Locator("#nav-signout")).ToBeAttachedAsync();
        Assert.Empty(browser.ConsoleErrors);
    }
}
