using AngleSharp.Dom;
using Bunit;
using FinSight.Core.Access;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Components.Pages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using MudBlazor;
using FinSight.Tests.Integration;
using Xunit;

namespace FinSight.Tests.Components.Pages;

/// <summary>The account page as a signed-in viewer over a real server: who they are, and their own API keys.</summary>
public sealed class AccountPageTests : ServerBackedTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;
    private TestUser _viewer = null!;

    private ApiKeyService Keys => Ctx.Server.Services.GetRequiredService<ApiKeyService>();
    private ISnackbar Snackbar => Ctx.Context.Services.GetRequiredService<ISnackbar>();

    protected override void OnStarted()
    {
        Ctx.Context.Render<MudPopoverProvider>();
        _dialogs = Ctx.Context.Render<MudDialogProvider>();
        _viewer = AccessTestUsers.CreateAsync(Ctx.Server, Roles.Viewer, "vera@finsight.test", withKey: false).GetAwaiter().GetResult();
        Ctx.SignIn(_viewer.Principal);
    }

    [Fact]
    public void AccountPage_Viewer_ShowsWhoTheyAreThePasswordLinkAndHowToUseAKey()
    {
        var page = Ctx.Context.Render<AccountPage>();

        Assert.Equal("vera@finsight.test", page.Find("#account-email").TextContent);
        Assert.Equal(Roles.Viewer, page.Find("#account-role").TextContent);
        Assert.Contains("never write", page.Find("#account-role-help").TextContent);
        Assert.Equal("/account/password", page.Find("#change-password").GetAttribute("href"));
        Assert.Equal("You have no API keys yet.", page.Find("#no-own-keys").TextContent.Trim());
        var usage = page.Find("#key-usage").TextContent;
        Assert.Contains("ApiKey = \"fsk_...\"", usage);
        Assert.Contains("export MLFLOW_TRACKING_TOKEN=fsk_...", usage);
        Assert.Contains("curl -H \"Authorization: Bearer fsk_...\" http://localhost/api/v1/experiments", usage);
    }

    [Fact]
    public async Task AccountPage_KeysOfSeveralUsers_ListsOnlyTheirOwn()
    {
        await Keys.CreateForUserAsync(_viewer.Id, "laptop", null, null);
        var other = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Researcher, "rita@finsight.test", withKey: false);
        await Keys.CreateForUserAsync(other.Id, "rita's cluster", null, null);

        var page = Ctx.Context.Render<AccountPage>();

        page.WaitForAssertion(() => Assert.Equal(["laptop"], Names(page)), Patience);
    }

    [Fact]
    public async Task CreateKey_NameOnly_SecretShownOnceActsAsTheUserAndKeyListed()
    {
        var page = Ctx.Context.Render<AccountPage>();

        page.Find("#new-key-name").Input("notebook");
        page.Find("#create-key").Click();

        var secret = _dialogs.WaitForElement("#api-key-secret", Patience).TextContent.Trim();
        Assert.StartsWith("fsk_", secret);
        Assert.Contains("it will not be shown again", _dialogs.Find("#api-key-secret-advice").TextContent);
        Assert.Contains("It does not expire", _dialogs.Markup);
        var caller = (await Keys.AuthenticateAsync(secret)).Caller;
        Assert.NotNull(caller);
        Assert.Equal((_viewer.Id, Roles.Viewer), (caller.UserId(), caller.Role()));
        page.WaitForAssertion(() => Assert.Equal(["notebook"], Names(page)), Patience);
        var row = Row(page, "notebook");
        Assert.Equal(secret[..8] + "…", row.QuerySelector(".key-prefix")!.TextContent.Trim());
        Assert.Equal("never", row.QuerySelector(".key-expires")!.TextContent.Trim());
        Assert.Equal("active", row.QuerySelector(".key-status")!.TextContent.Trim());
        // The form is ready for the next key.
        Assert.True(string.IsNullOrEmpty(page.Find("#new-key-name").GetAttribute("value")));

        _dialogs.Find("#api-key-secret-done").Click();

        // Once the dialog is gone the secret is nowhere on the page.
        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("#api-key-secret")), Patience);
        Assert.DoesNotContain(secret, _dialogs.Markup + page.Markup);
    }

    [Fact]
    public async Task CreateKey_WithExpiryDate_ExpiresAtTheEndOfThatUtcDay()
    {
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
        var page = Ctx.Context.Render<AccountPage>();

        page.Find("#new-key-name").Input("month");
        page.Find("#new-key-expiry").Change(day.ToString("yyyy-MM-dd"));
        page.Find("#create-key").Click();

        _dialogs.WaitForElement("#api-key-secret", Patience);
        var endOfDay = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
        var stored = Assert.Single(await Keys.ListAsync(_viewer.Principal, allUsers: false));
        Assert.Equal(("month", endOfDay), (stored.Name, stored.ExpiresAt));
        Assert.Contains($"It expires at {day.AddDays(1):yyyy-MM-dd} 00:00:00 UTC.", _dialogs.Markup);
        page.WaitForAssertion(() => Assert.Equal($"{day.AddDays(1):yyyy-MM-dd} 00:00:00 UTC", Row(page, "month").QuerySelector(".key-expires")!.TextContent.Trim()), Patience);
    }

    [Fact]
    public async Task CreateKey_NoNameThenPastDate_ServerMessagesShownAndNothingCreated()
    {
        var page = Ctx.Context.Render<AccountPage>();

        page.Find("#create-key").Click();
        page.WaitForAssertion(() => Assert.Equal("name is required: say what the key is for, e.g. \"training cluster\".", page.Find("#create-key-error").TextContent.Trim()), Patience);

        page.Find("#new-key-name").Input("yesterday");
        page.Find("#new-key-expiry").Change(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2).ToString("yyyy-MM-dd"));
        page.Find("#create-key").Click();
        page.WaitForAssertion(() => Assert.StartsWith("expiresAt must be in the future", page.Find("#create-key-error").TextContent.Trim()), Patience);

        Assert.Empty(_dialogs.FindAll("#api-key-secret"));
        Assert.Empty(await Keys.ListAsync(_viewer.Principal, allUsers: false));
        // What was typed stays, so the user fixes rather than retypes.
        Assert.Equal("yesterday", page.Find("#new-key-name").GetAttribute("value"));
    }

    [Fact]
    public void CopyButton_Clicked_WritesTheSecretToTheClipboard()
    {
        var page = Ctx.Context.Render<AccountPage>();
        page.Find("#new-key-name").Input("copied");
        page.Find("#create-key").Click();
        var secret = _dialogs.WaitForElement("#api-key-secret", Patience).TextContent.Trim();

        _dialogs.Find("#copy-api-key").Click();

        _dialogs.WaitForAssertion(() => Assert.Equal("Copied to the clipboard.", _dialogs.Find("#api-key-copy-result").TextContent.Trim()), Patience);
        var copy = Assert.Single(Ctx.Context.JSInterop.Invocations, i => i.Identifier == "navigator.clipboard.writeText");
        Assert.Equal([secret], copy.Arguments);
    }

    [Fact]
    public void CopyButton_BrowserRefusesTheClipboard_SaysToCopyByHand()
    {
        Ctx.Context.JSInterop.SetupVoid("navigator.clipboard.writeText", _ => true).SetException(new JSException("Write permission denied."));
        var page = Ctx.Context.Render<AccountPage>();
        page.Find("#new-key-name").Input("refused");
        page.Find("#create-key").Click();
        _dialogs.WaitForElement("#api-key-secret", Patience);

        _dialogs.Find("#copy-api-key").Click();

        _dialogs.WaitForAssertion(() => Assert.Contains("select the key above and copy it by hand", _dialogs.Find("#api-key-copy-result").TextContent), Patience);
        Assert.NotNull(_dialogs.Find("#api-key-secret"));
    }

    [Fact]
    public async Task RevokeOwnKey_Confirmed_ShownRevokedAndTheKeyIsRefused()
    {
        var key = await Keys.CreateForUserAsync(_viewer.Id, "laptop", null, null);
        var page = Ctx.Context.Render<AccountPage>();
        page.WaitForAssertion(() => Assert.Equal(["laptop"], Names(page)), Patience);

        Row(page, "laptop").QuerySelector("button.revoke-key")!.Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("'laptop' (" + key.Secret[..8] + "…) stops working at once", _dialogs.Markup), Patience);
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Revoke").Click();

        page.WaitForAssertion(() => Assert.Equal("revoked", Row(page, "laptop").QuerySelector(".key-status")!.TextContent.Trim()), Patience);
        Assert.Null(Row(page, "laptop").QuerySelector("button.revoke-key"));
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == "Key 'laptop' revoked." && s.Severity == Severity.Success);
        Assert.Equal($"The API key {key.Id} was revoked.", (await Keys.AuthenticateAsync(key.Secret)).Failure);
    }

    [Fact]
    public async Task RevokeOwnKey_Cancelled_KeyStillWorks()
    {
        var key = await Keys.CreateForUserAsync(_viewer.Id, "laptop", null, null);
        var page = Ctx.Context.Render<AccountPage>();
        page.WaitForAssertion(() => Assert.Equal(["laptop"], Names(page)), Patience);

        Row(page, "laptop").QuerySelector("button.revoke-key")!.Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("Revoke key?", _dialogs.Markup), Patience);
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        _dialogs.WaitForAssertion(() => Assert.DoesNotContain("Revoke key?", _dialogs.Markup), Patience);
        Assert.Equal("active", Row(page, "laptop").QuerySelector(".key-status")!.TextContent.Trim());
        Assert.NotNull((await Keys.AuthenticateAsync(key.Secret)).Caller);
    }

    private static List<string> Names(IRenderedComponent<AccountPage> page) => page.FindAll(".key-name").Select(e => e.TextContent.Trim()).ToList();

    private static IElement Row(IRenderedComponent<AccountPage> page, string name) =>
        page.FindAll("#own-keys-table tbody tr").Single(r => r.QuerySelector(".key-name")?.TextContent.Trim() == name);
}
