using AngleSharp.Dom;
using Bunit;
using FinSight.Core.Access;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Components.Pages.Admin;
using FinSight.Dashboard.Data.Entities;
using FinSight.Tests.Integration;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Xunit;

namespace FinSight.Tests.Components.Pages.Admin;

/// <summary>The users page as the bootstrap admin, over a real server: what it lists and that every action changes what is stored.</summary>
public sealed class UsersPageTests : ServerBackedTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;

    private ISnackbar Snackbar => Ctx.Context.Services.GetRequiredService<ISnackbar>();

    protected override void OnStarted()
    {
        _popovers = Ctx.Context.Render<MudPopoverProvider>();
        _dialogs = Ctx.Context.Render<MudDialogProvider>();
    }

    [Fact]
    public async Task UsersPage_Users_ListsRoleStatusAndTimes()
    {
        var bob = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Viewer, "bob@finsight.test", withKey: false);
        var carol = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Researcher, "carol@finsight.test", withKey: false);
        await UpdateAsync(carol.Id, new UserChange(Disabled: true));
        var dave = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Researcher, "dave@finsight.test", withKey: false);
        var lockedUntil = await LockOutAsync(dave.Id);

        var page = RenderPage();

        Assert.Equal(["admin@finsight.test", "bob@finsight.test", "carol@finsight.test", "dave@finsight.test"], Emails(page));
        Assert.Equal(["Admin", "Viewer", "Researcher", "Researcher"], page.FindAll(".user-role input").Select(i => i.GetAttribute("value")));
        Assert.Equal(["enabled", "enabled", "disabled", $"locked until {lockedUntil:yyyy-MM-dd HH:mm:ss} UTC"],
            page.FindAll(".user-status").Select(c => c.TextContent.Trim()));
        Assert.Contains("you", Row(page, FinSightServer.AdminEmail).TextContent);
        Assert.DoesNotContain("you", Row(page, "bob@finsight.test").TextContent);
        Assert.Equal("never", Row(page, "bob@finsight.test").QuerySelector(".user-last-sign-in")!.TextContent.Trim());
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$", Row(page, "bob@finsight.test").Children[3].TextContent.Trim());
        // Disabled users are offered Enable, the others Disable.
        Assert.NotNull(Row(page, "carol@finsight.test").QuerySelector("button.enable-user"));
        Assert.Null(Row(page, "carol@finsight.test").QuerySelector("button.disable-user"));
        Assert.NotNull(Row(page, "bob@finsight.test").QuerySelector("button.disable-user"));
        Assert.Equal(bob.Email, (await StoredAsync(bob.Id)).Email);
    }

    [Fact]
    public async Task UsersPage_Search_KeepsUsersWhoseEmailContainsIt()
    {
        await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Viewer, "bob@finsight.test", withKey: false);
        await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Viewer, "bobby@finsight.test", withKey: false);
        var page = RenderPage();

        page.Find("#user-search").Input("BOB");

        page.WaitForAssertion(() => Assert.Equal(["bob@finsight.test", "bobby@finsight.test"], Emails(page)), Patience);
        page.Find("#user-search").Input("nobody-like-this");
        page.WaitForAssertion(() => Assert.Equal("No user's email contains \"nobody-like-this\".", page.Find("#no-users").TextContent.Trim()), Patience);
    }

    [Fact]
    public async Task NewUser_DialogSaved_StoredWithRoleAndPasswordListedAndConfirmed()
    {
        var page = RenderPage();

        page.Find("#new-user").Click();
        _dialogs.WaitForElement("#new-user-email", Patience).Input("erin@finsight.test");
        _dialogs.Find("#new-user-password").Input("erins-long-password");
        MudSelects.Choose(_popovers, _dialogs.Find("#new-user-role"), Roles.Researcher);
        _dialogs.Find("#new-user-save").Click();

        page.WaitForAssertion(() => Assert.Contains("erin@finsight.test", Emails(page)), Patience);
        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("#new-user-email")), Patience);
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == "User erin@finsight.test created as Researcher." && s.Severity == Severity.Success);
        var stored = (await ListAsync()).Single(u => u.Email == "erin@finsight.test");
        Assert.Equal((Roles.Researcher, false), (stored.Role, stored.Disabled));
        Assert.True(await PasswordWorksAsync(stored.Id, "erins-long-password"));
    }

    [Fact]
    public async Task NewUser_RoleLeftAlone_IsAViewer()
    {
        var page = RenderPage();

        page.Find("#new-user").Click();
        _dialogs.WaitForElement("#new-user-email", Patience).Input("fred@finsight.test");
        _dialogs.Find("#new-user-password").Input("freds-long-password");
        _dialogs.Find("#new-user-save").Click();

        page.WaitForAssertion(() => Assert.Contains("fred@finsight.test", Emails(page)), Patience);
        Assert.Equal(Roles.Viewer, (await ListAsync()).Single(u => u.Email == "fred@finsight.test").Role);
    }

    [Fact]
    public async Task NewUser_EmailTakenThenPasswordShort_ServerMessagesShownInOpenDialog()
    {
        await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Viewer, "bob@finsight.test", withKey: false);
        var page = RenderPage();

        page.Find("#new-user").Click();
        _dialogs.WaitForElement("#new-user-email", Patience).Input("bob@finsight.test");
        _dialogs.Find("#new-user-password").Input("long-enough-password");
        _dialogs.Find("#new-user-save").Click();
        _dialogs.WaitForAssertion(() => Assert.Equal("A user with email 'bob@finsight.test' already exists.", _dialogs.Find("#new-user-error").TextContent.Trim()), Patience);

        _dialogs.Find("#new-user-email").Input("other@finsight.test");
        _dialogs.Find("#new-user-password").Input("short");
        _dialogs.Find("#new-user-save").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("at least 10 characters", _dialogs.Find("#new-user-error").TextContent), Patience);

        Assert.Equal("other@finsight.test", _dialogs.Find("#new-user-email").GetAttribute("value"));
        Assert.Equal([FinSightServer.AdminEmail, "bob@finsight.test"], (await ListAsync()).Select(u => u.Email));
    }

    [Fact]
    public async Task ChangeRole_ViewerToResearcher_StoredShownAndConfirmed()
    {
        var bob = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Viewer, "bob@finsight.test", withKey: false);
        var page = RenderPage();

        MudSelects.Choose(_popovers, Row(page, bob.Email).QuerySelector(".user-role")!, Roles.Researcher);

        page.WaitForAssertion(() => Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == "bob@finsight.test is now a Researcher."), Patience);
        Assert.Equal(Roles.Researcher, (await StoredAsync(bob.Id)).Role);
        page.WaitForAssertion(() => Assert.Equal(Roles.Researcher, Row(page, bob.Email).QuerySelector(".user-role input")!.GetAttribute("value")), Patience);
    }

    [Fact]
    public async Task ChangeRole_OnlyAdminToViewer_RefusedWithServerMessageAndRoleKept()
    {
        var page = RenderPage();

        MudSelects.Choose(_popovers, Row(page, FinSightServer.AdminEmail).QuerySelector(".user-role")!, Roles.Viewer);

        page.WaitForAssertion(() => Assert.Contains(Snackbar.ShownSnackbars, s => s.Severity == Severity.Error
            && s.Message == "You cannot change the role of admin@finsight.test: they are the only enabled admin. Make another user an admin first."), Patience);
        Assert.Equal(Roles.Admin, (await ListAsync()).Single(u => u.Email == FinSightServer.AdminEmail).Role);
        page.WaitForAssertion(() => Assert.Equal(Roles.Admin, Row(page, FinSightServer.AdminEmail).QuerySelector(".user-role input")!.GetAttribute("value")), Patience);
    }

    [Fact]
    public async Task DisableUser_Confirmed_StoredShownThenEnableRestoresIt()
    {
        var bob = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Viewer, "bob@finsight.test", withKey: false);
        var page = RenderPage();

        Row(page, bob.Email).QuerySelector("button.disable-user")!.Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("bob@finsight.test will be signed out everywhere", _dialogs.Markup), Patience);
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Disable").Click();

        page.WaitForAssertion(() => Assert.Equal("disabled", Row(page, bob.Email).QuerySelector(".user-status")!.TextContent.Trim()), Patience);
        Assert.True((await StoredAsync(bob.Id)).Disabled);
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == "bob@finsight.test is disabled.");

        Row(page, bob.Email).QuerySelector("button.enable-user")!.Click();

        page.WaitForAssertion(() => Assert.Equal("enabled", Row(page, bob.Email).QuerySelector(".user-status")!.TextContent.Trim()), Patience);
        Assert.False((await StoredAsync(bob.Id)).Disabled);
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == "bob@finsight.test is enabled and can sign in again.");
    }

    [Fact]
    public async Task DisableUser_Cancelled_NothingChanges()
    {
        var bob = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Viewer, "bob@finsight.test", withKey: false);
        var page = RenderPage();

        Row(page, bob.Email).QuerySelector("button.disable-user")!.Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("Disable user?", _dialogs.Markup), Patience);
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        _dialogs.WaitForAssertion(() => Assert.DoesNotContain("Disable user?", _dialogs.Markup), Patience);
        Assert.False((await StoredAsync(bob.Id)).Disabled);
        Assert.Equal("enabled", Row(page, bob.Email).QuerySelector(".user-status")!.TextContent.Trim());
        Assert.Empty(Snackbar.ShownSnackbars);
    }

    [Fact]
    public async Task DisableSelf_ServerRefuses_MessageShownAndStillEnabled()
    {
        var page = RenderPage();

        Row(page, FinSightServer.AdminEmail).QuerySelector("button.disable-user")!.Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("Disable user?", _dialogs.Markup), Patience);
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Disable").Click();

        page.WaitForAssertion(() => Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == "You cannot disable your own account." && s.Severity == Severity.Error), Patience);
        Assert.False((await ListAsync()).Single(u => u.Email == FinSightServer.AdminEmail).Disabled);
        Assert.Equal("enabled", Row(page, FinSightServer.AdminEmail).QuerySelector(".user-status")!.TextContent.Trim());
    }

    [Fact]
    public async Task ResetPassword_TooShortThenLongEnough_ErrorInDialogThenNewPasswordWorks()
    {
        var bob = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Viewer, "bob@finsight.test", withKey: false);
        var page = RenderPage();

        Row(page, bob.Email).QuerySelector("button.reset-password")!.Click();
        _dialogs.WaitForElement("#reset-password-input", Patience).Input("short");
        _dialogs.Find("#reset-password-save").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("at least 10 characters", _dialogs.Find("#reset-password-error").TextContent), Patience);
        Assert.True(await PasswordWorksAsync(bob.Id, AccessTestUsers.Password));

        _dialogs.Find("#reset-password-input").Input("bobs-new-long-password");
        _dialogs.Find("#reset-password-save").Click();

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("#reset-password-input")), Patience);
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == "Password of bob@finsight.test reset; their sessions were signed out.");
        Assert.True(await PasswordWorksAsync(bob.Id, "bobs-new-long-password"));
        Assert.False(await PasswordWorksAsync(bob.Id, AccessTestUsers.Password));
    }

    [Fact]
    public async Task ResetPassword_LockedOutUser_UnlockedAndShownEnabled()
    {
        var dave = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Researcher, "dave@finsight.test", withKey: false);
        await LockOutAsync(dave.Id);
        var page = RenderPage();
        Assert.StartsWith("locked until", Row(page, dave.Email).QuerySelector(".user-status")!.TextContent.Trim());

        Row(page, dave.Email).QuerySelector("button.reset-password")!.Click();
        _dialogs.WaitForElement("#reset-password-input", Patience).Input("daves-new-long-password");
        _dialogs.Find("#reset-password-save").Click();

        page.WaitForAssertion(() => Assert.Equal("enabled", Row(page, dave.Email).QuerySelector(".user-status")!.TextContent.Trim()), Patience);
        Assert.Null((await StoredAsync(dave.Id)).LockedUntil);
    }

    [Fact]
    public async Task UsersPage_RenderedForAResearcher_ShowsNoUsersAndTheServersRefusal()
    {
        var researcher = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Researcher, "rita@finsight.test", withKey: false);
        Ctx.SignIn(researcher.Principal);

        var page = Ctx.Context.Render<UsersPage>();

        Assert.Empty(page.FindAll(".user-email"));
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == "This needs the Admin role." && s.Severity == Severity.Error);
        await using var scope = Ctx.Server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var refused = await Assert.ThrowsAsync<TrackingException>(() => users.CreateAsync(researcher.Principal, "x@finsight.test", "long-enough-password", Roles.Admin));
        Assert.Equal(TrackingErrorKind.Forbidden, refused.Kind);
    }

    private IRenderedComponent<UsersPage> RenderPage()
    {
        var page = Ctx.Context.Render<UsersPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".user-email")), Patience);
        return page;
    }

    private static List<string> Emails(IRenderedComponent<UsersPage> page) => page.FindAll(".user-email").Select(e => e.TextContent.Trim()).ToList();

    private static IElement Row(IRenderedComponent<UsersPage> page, string email) =>
        page.FindAll("#users-table tbody tr").Single(r => r.QuerySelector(".user-email")?.TextContent.Trim() == email);

    private async Task<IReadOnlyList<UserInfo>> ListAsync()
    {
        await using var scope = Ctx.Server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserAdministration>().ListAsync(Ctx.Server.Admin, null);
    }

    private async Task<UserInfo> StoredAsync(string userId)
    {
        await using var scope = Ctx.Server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserAdministration>().GetAsync(Ctx.Server.Admin, userId);
    }

    private async Task UpdateAsync(string userId, UserChange change)
    {
        await using var scope = Ctx.Server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserAdministration>().UpdateAsync(Ctx.Server.Admin, userId, change);
    }

    private async Task<bool> PasswordWorksAsync(string userId, string password)
    {
        await using var scope = Ctx.Server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<FinSightUser>>();
        return await users.CheckPasswordAsync((await users.FindByIdAsync(userId))!, password);
    }

    /// <summary>Locks the user out as too many wrong passwords would; returns the end of the lock-out (to the second, as shown).</summary>
    private async Task<DateTime> LockOutAsync(string userId)
    {
        await using var scope = Ctx.Server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<FinSightUser>>();
        var until = DateTimeOffset.UtcNow.AddMinutes(15);
        await users.SetLockoutEndDateAsync((await users.FindByIdAsync(userId))!, until);
        // Stored to the millisecond; shown to the second.
        return DateTimeOffset.FromUnixTimeMilliseconds(until.ToUnixTimeMilliseconds()).UtcDateTime;
    }
}
