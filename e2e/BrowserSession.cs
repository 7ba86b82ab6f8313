using FinSight.Tests.Integration;
using Microsoft.Playwright;

namespace FinSight.E2E;

/// <summary>
/// Debian's Chromium driven by Playwright (Playwright cannot download its own browsers here).
/// Collects console errors and failed requests so every test can assert a clean page. Every page needs a
/// signed-in user, so a session signs in as the test server's admin unless told otherwise.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private Uri _server = null!;

    public IPage Page { get; private set; } = null!;

    public List<string> ConsoleErrors { get; } = [];

    /// <param name="server">The server whose pages the session opens (sign-in included).</param>
    /// <param name="signIn">False to stay anonymous; otherwise the session signs in as <see cref="FinSightServer.AdminEmail"/>.</param>
    public static async Task<BrowserSession> OpenAsync(FinSightServer server, bool signIn = true)
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (the README's test command does).");
        var session = new BrowserSession { _playwright = await Playwright.CreateAsync(), _server = server.Address };
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
        try
        {
            if (signIn) await session.SignInAsync(FinSightServer.AdminEmail, FinSightServer.AdminPassword);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
        return session;
    }

    /// <summary>
    /// Signs in through the sign-in page and waits until the page it leads to (the overview by default) is
    /// interactive. Throws with the page's message when the sign-in is refused.
    /// </summary>
    public async Task SignInAsync(string email, string password, string returnUrl = "/")
    {
        await Page.GotoAsync(new Uri(_server, $"signin?returnUrl={Uri.EscapeDataString(returnUrl)}").ToString());
        await SubmitSignInAsync(email, password);
        if (await Page.Locator("#signin-error").CountAsync() > 0)
            throw new InvalidOperationException($"Signing in as {email} was refused: {await Page.Locator("#signin-error").InnerTextAsync()}");
        await WaitUntilInteractiveAsync();
    }

    /// <summary>
    /// Fills the sign-in form of the page shown and submits it, waiting for the answer to load: the page signed
    /// in to, or the form again with <c>#signin-error</c>. The form is plain HTML, so each submit is a navigation.
    /// </summary>
    public async Task SubmitSignInAsync(string email, string password)
    {
        await Page.Locator("#signin-email").FillAsync(email);
        await Page.Locator("#signin-password").FillAsync(password);
        // A refused sign-in answers the same address, so the new document's commit is what says the answer came.
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnNavigated(object? sender, IFrame frame)
        {
            if (frame == Page.MainFrame) answered.TrySetResult();
        }
        Page.FrameNavigated += OnNavigated;
        try
        {
            await Page.Locator("#signin-submit").ClickAsync();
            await answered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            Page.FrameNavigated -= OnNavigated;
        }
        await Page.WaitForLoadStateAsync(LoadState.Load);
    }

    /// <summary>Opens a page and waits until it is interactive: a click on prerendered markup would do nothing.</summary>
    /// <summary>
    /// Fills the fields of a dialog that has just opened and checks that each holds what was typed. MudBlazor focuses a
    /// dialog's <c>AutoFocus</c> field after its first render; on a loaded machine that can land after the test has
    /// moved to the next field, sending its text into the first one (seen: the password appended to the email). A
    /// person types far slower than that window, so the fields are filled again until every one holds its value.
    /// </summary>
    public async Task FillDialogAsync(params (string Selector, string Value)[] fields)
    {
        for (var attempt = 1; ; attempt++)
        {
            foreach (var (selector, value) in fields) await Page.FillAsync(selector, value);
            var all = true;
            foreach (var (selector, value) in fields) all &= await Page.InputValueAsync(selector) == value;
            if (all) return;
            if (attempt == 3) throw new InvalidOperationException($"The dialog's fields did not keep their values after {attempt} tries.");
            await Page.WaitForTimeoutAsync(200);
        }
    }

    public async Task GotoAsync(string url)
    {
        await Page.GotoAsync(url);
        await WaitUntilInteractiveAsync();
    }

    /// <summary>Waits until the page shown has its interactive circuit.</summary>
    public Task WaitUntilInteractiveAsync() =>
        Page.Locator("#app-state[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });

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
