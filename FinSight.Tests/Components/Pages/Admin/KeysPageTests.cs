using AngleSharp.Dom;
using Bunit;
using FinSight.Core.Access;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Components.Pages.Admin;
using FinSight.Tests.Integration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Xunit;

namespace FinSight.Tests.Components.Pages.Admin;

/// <summary>The admin keys page over a real server: every user's keys, and revocation that the key's next use feels.</summary>
public sealed class KeysPageTests : ServerBackedTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;

    private ApiKeyService Keys => Ctx.Server.Services.GetRequiredService<ApiKeyService>();
    private ISnackbar Snackbar => Ctx.Context.Services.GetRequiredService<ISnackbar>();

    protected override void OnStarted()
    {
        Ctx.Context.Render<MudPopoverProvider>();
        _dialogs = Ctx.Context.Render<MudDialogProvider>();
    }

    [Fact]
    public async Task KeysPage_KeysOfSeveralUsers_ListsOwnerNamePrefixTimesAndStatus()
    {
        var bob = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Researcher, "bob@finsight.test", withKey: false);
        var expiresAt = DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeMilliseconds();
        var cluster = await Keys.CreateForUserAsync(bob.Id, "training cluster", expiresAt, null);
        var laptop = await Keys.CreateForUserAsync(bob.Id, "laptop", null, null);
        await Keys.RevokeAsync(Ctx.Server.Admin, laptop.Id);
        await Keys.CreateForUserAsync(bob.Id, "last year", DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds(), null);

        var page = RenderPage();

        Assert.Equal([AccessBootstrapper.BootstrapKeyName, "laptop", "last year", "training cluster"], Names(page).Order(StringComparer.Ordinal));
        var row = Row(page, "training cluster");
        Assert.Equal("bob@finsight.test", row.QuerySelector(".key-owner")!.TextContent.Trim());
        Assert.Equal(cluster.Secret[..8] + "…", row.QuerySelector(".key-prefix")!.TextContent.Trim());
        Assert.Contains(Display(expiresAt), row.TextContent);
        Assert.Equal("active", Status(row));
        Assert.Equal("revoked", Status(Row(page, "laptop")));
        Assert.Equal("expired", Status(Row(page, "last year")));
        Assert.Equal(FinSightServer.AdminEmail, Row(page, AccessBootstrapper.BootstrapKeyName).QuerySelector(".key-owner")!.TextContent.Trim());
        // Only keys that still work can be revoked.
        Assert.NotNull(row.QuerySelector("button.revoke-key"));
        Assert.Null(Row(page, "laptop").QuerySelector("button.revoke-key"));
        Assert.Null(Row(page, "last year").QuerySelector("button.revoke-key"));
    }

    [Fact]
    public async Task KeysPage_SearchAndActiveOnly_KeepMatchingKeys()
    {
        var bob = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Researcher, "bob@finsight.test", withKey: false);
        await Keys.CreateForUserAsync(bob.Id, "cluster", null, null);
        var old = await Keys.CreateForUserAsync(bob.Id, "old laptop", null, null);
        await Keys.RevokeAsync(Ctx.Server.Admin, old.Id);
        var page = RenderPage();

        page.Find("#key-search").Input("bob@");
        page.WaitForAssertion(() => Assert.Equal(["cluster", "old laptop"], Names(page).Order()), Patience);
        page.Find("#keys-active-only").Change(true);
        page.WaitForAssertion(() => Assert.Equal(["cluster"], Names(page)), Patience);
        page.Find("#key-search").Input("nothing-like-this");
        page.WaitForAssertion(() => Assert.Equal("No keys whose owner or name contains \"nothing-like-this\".", page.Find("#no-keys").TextContent.Trim()), Patience);
    }

    [Fact]
    public async Task RevokeKey_Confirmed_StoredRevokedShownAndTheKeyIsRefused()
    {
        var bob = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Researcher, "bob@finsight.test", withKey: false);
        var key = await Keys.CreateForUserAsync(bob.Id, "cluster", null, null);
        Assert.NotNull((await Keys.AuthenticateAsync(key.Secret)).Caller);
        var page = RenderPage();

        Row(page, "cluster").QuerySelector("button.revoke-key")!.Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("'cluster' (" + key.Secret[..8] + "…) of bob@finsight.test stops working at once", _dialogs.Markup), Patience);
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Revoke").Click();

        page.WaitForAssertion(() => Assert.Equal("revoked", Status(Row(page, "cluster"))), Patience);
        Assert.Null(Row(page, "cluster").QuerySelector("button.revoke-key"));
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == "Key 'cluster' of bob@finsight.test revoked." && s.Severity == Severity.Success);
        Assert.Equal($"The API key {key.Id} was revoked.", (await Keys.AuthenticateAsync(key.Secret)).Failure);
    }

    [Fact]
    public async Task RevokeKey_Cancelled_KeyStillWorks()
    {
        var bob = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Researcher, "bob@finsight.test", withKey: false);
        var key = await Keys.CreateForUserAsync(bob.Id, "cluster", null, null);
        var page = RenderPage();

        Row(page, "cluster").QuerySelector("button.revoke-key")!.Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("Revoke key?", _dialogs.Markup), Patience);
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        _dialogs.WaitForAssertion(() => Assert.DoesNotContain("Revoke key?", _dialogs.Markup), Patience);
        Assert.Equal("active", Status(Row(page, "cluster")));
        Assert.NotNull((await Keys.AuthenticateAsync(key.Secret)).Caller);
    }

    [Fact]
    public async Task KeysPage_RenderedForAViewer_ShowsNoKeysAndTheServersRefusal()
    {
        var viewer = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Viewer, "vera@finsight.test", withKey: false);
        Ctx.SignIn(viewer.Principal);

        var page = Ctx.Context.Render<KeysPage>();

        Assert.Empty(page.FindAll(".key-name"));
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == "This needs the Admin role." && s.Severity == Severity.Error);
        var refused = await Assert.ThrowsAsync<TrackingException>(() => Keys.ListAsync(viewer.Principal, allUsers: true));
        Assert.Equal(TrackingErrorKind.Forbidden, refused.Kind);
    }

    private IRenderedComponent<KeysPage> RenderPage()
    {
        var page = Ctx.Context.Render<KeysPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".key-name")), Patience);
        return page;
    }

    private static List<string> Names(IRenderedComponent<KeysPage> page) => page.FindAll(".key-name").Select(e => e.TextContent.Trim()).ToList();

    private static IElement Row(IRenderedComponent<KeysPage> page, string name) =>
        page.FindAll("#keys-table tbody tr").Single(r => r.QuerySelector(".key-name")?.TextContent.Trim() == name);

    private static string Status(IElement row) => row.QuerySelector(".key-status")!.TextContent.Trim();

    private static string Display(long epochMs) => FinSight.Dashboard.Components.Shared.Display.UtcTime(epochMs);
}
