using Microsoft.Playwright;

namespace FinSight.E2E;

/// <summary>
/// Debian's Chromium driven by Playwright (Playwright cannot download its own browsers here).
/// Collects console errors and failed requests so every test can assert a clean page.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public IPage Page { get; private set; } = null!;

    public List<string> ConsoleErrors { get; } = [];

    public static async Task<BrowserSession> OpenAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (the README's test command does).");
        var session = new BrowserSession { _playwright = await Playwright.CreateAsync() };
        session._browser = await session._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // This machine has no network beyond loopback: keep Chromium from reaching for Google's services.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
        session.Page = await session._browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        session.Page.Console += (_, message) =>
        {
            if (message.Type == "error") session.ConsoleErrors.Add(message.Text);
        };
        session.Page.PageError += (_, error) => session.ConsoleErrors.Add(error);
        return session;
    }

    /// <summary>Opens a page and waits until it is interactive: a click on prerendered markup would do nothing.</summary>
    public async Task GotoAsync(string url)
    {
        await Page.GotoAsync(url);
        await Page.Locator("#app-state[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
    }

    /// <summary>Saves a full-page screenshot as a test artifact under <c>e2e/bin/screenshots</c> and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var folder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "screenshots"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Xunit.TestContext.Current.SendDiagnosticMessage($"Screenshot: {path}");
        Console.WriteLine($"Screenshot: {path}");
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
