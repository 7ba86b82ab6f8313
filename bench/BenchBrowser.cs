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

    /// <summary>A page at the dashboard's target size.</summary>
    public static Task<IPage> NewPageAsync(IBrowser browser) =>
        browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
}
