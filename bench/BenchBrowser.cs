using Microsoft.Playwright;

namespace FinSight.Bench;

/// <summary>Debian's headless Chromium as the browser benchmarks drive it (Playwright cannot download browsers here).</summary>
public static class BenchBrowser
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, params string[] extraArgs) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", .. extraArgs],
        });

    /// <summary>
    /// Signs in as the server's admin on the sign-in page and waits until the browser is at <paramref name="returnUrl"/>
    /// (every page needs a signed-in user). Callers wait for what they measure on that page themselves.
    /// </summary>
    public static async Task SignInAsync(IPage page, ServerProcess server, string returnUrl)
    {
        if (!returnUrl.StartsWith('/')) returnUrl = "/" + returnUrl;
        await page.GotoAsync(new Uri(server.Address, $"signin?returnUrl={Uri.EscapeDataString(returnUrl)}").ToString());
        await page.Locator("#signin-email").FillAsync(ServerProcess.AdminEmail);
        await page.Locator("#signin-password").FillAsync(server.AdminPassword);
        await page.Locator("#signin-submit").ClickAsync();
        var destination = returnUrl.Split('?')[0];
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == destination, new() { Timeout = 60_000 });
    }

    /// <summary>A page at the dashboard's target size.</summary>
    public static Task<IPage> NewPageAsync(IBrowser browser) =>
        browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
}
