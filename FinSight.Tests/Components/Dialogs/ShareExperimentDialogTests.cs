using AngleSharp.Dom;
using Bunit;
using FinSight.Core.Access;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Components.Pages;
using FinSight.Dashboard.Ingestion;
using FinSight.Tests.Integration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Xunit;

namespace FinSight.Tests.Components.Dialogs;

/// <summary>
/// Sharing an experiment from its page, over a real server. The experiment is created by a researcher (who thereby
/// has MANAGE on it); every change made in the dialog is checked in what the server stores and enforces.
/// </summary>
public sealed class ShareExperimentDialogTests : ServerBackedTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;
    private TestUser _owner = null!;
    private TestUser _sam = null!;
    private string _experimentId = "";

    private PermissionAdministration Permissions => Ctx.Server.Services.GetRequiredService<PermissionAdministration>();
    private ExperimentAccess Access => Ctx.Server.Services.GetRequiredService<ExperimentAccess>();
    private ISnackbar Snackbar => Ctx.Context.Services.GetRequiredService<ISnackbar>();

    protected override void OnStarted()
    {
        _popovers = Ctx.Context.Render<MudPopoverProvider>();
        _dialogs = Ctx.Context.Render<MudDialogProvider>();
        (_owner, _sam, _experimentId) = SeedAsync().GetAwaiter().GetResult();
        Ctx.SignIn(_owner.Principal);
    }

    private async Task<(TestUser, TestUser, string)> SeedAsync()
    {
        var owner = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Researcher, "rita@finsight.test", withKey: false);
        var sam = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Researcher, "sam@finsight.test", withKey: false);
        var experiment = await Ctx.Server.Services.GetRequiredService<IngestionService>().CreateExperimentAsync(owner.Principal, "fx-lstm", null);
        return (owner, sam, experiment.ExperimentId);
    }

    [Fact]
    public void ShareDialog_Opened_ShowsTheDefaultAndTheExplicitLevels()
    {
        OpenDialog();

        _dialogs.WaitForAssertion(() => Assert.Contains("Everyone else has the default level, READ.", Text(_dialogs.Find("#share-default"))), Patience);
        Assert.Equal([("rita@finsight.test", "MANAGE")], Rows());
        Assert.Contains("Share 'fx-lstm'", _dialogs.Markup);
    }

    [Fact]
    public async Task AddPerson_EmailAndLevel_StoredEnforcedListedAndConfirmed()
    {
        OpenDialog();

        _dialogs.WaitForElement("#share-email", Patience).Input("sam@finsight.test");
        MudSelects.Choose(_popovers, _dialogs.Find("#share-new-level"), "EDIT");
        _dialogs.Find("#share-add").Click();

        _dialogs.WaitForAssertion(() => Assert.Equal([("rita@finsight.test", "MANAGE"), ("sam@finsight.test", "EDIT")], Rows()), Patience);
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == "sam@finsight.test now has EDIT on 'fx-lstm'." && s.Severity == Severity.Success);
        Assert.Equal("EDIT", await StoredLevelAsync(_sam.Id));
        Assert.Equal(PermissionLevel.Edit, await Access.LevelAsync(_sam.Principal, long.Parse(_experimentId)));
        Assert.True(string.IsNullOrEmpty(_dialogs.Find("#share-email").GetAttribute("value")));
    }

    [Fact]
    public async Task ChangeLevel_EditToNoPermissions_StoredAndEnforced()
    {
        await Permissions.SetAsync(_owner.Principal, _experimentId, _sam.Email, "EDIT");
        OpenDialog();
        _dialogs.WaitForAssertion(() => Assert.Contains(("sam@finsight.test", "EDIT"), Rows()), Patience);

        MudSelects.Choose(_popovers, Row("sam@finsight.test").QuerySelector(".share-level")!, "NO_PERMISSIONS");

        _dialogs.WaitForAssertion(() => Assert.Contains(("sam@finsight.test", "NO_PERMISSIONS"), Rows()), Patience);
        Assert.Equal("NO_PERMISSIONS", await StoredLevelAsync(_sam.Id));
        Assert.Equal(PermissionLevel.NoPermissions, await Access.LevelAsync(_sam.Principal, long.Parse(_experimentId)));
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == "sam@finsight.test now has NO_PERMISSIONS on 'fx-lstm'.");
    }

    [Fact]
    public async Task Revoke_ExplicitLevel_RemovedAndBackToTheDefault()
    {
        await Permissions.SetAsync(_owner.Principal, _experimentId, _sam.Email, "MANAGE");
        OpenDialog();
        _dialogs.WaitForAssertion(() => Assert.Contains(("sam@finsight.test", "MANAGE"), Rows()), Patience);

        Row("sam@finsight.test").QuerySelector("button.share-revoke")!.Click();

        _dialogs.WaitForAssertion(() => Assert.Equal([("rita@finsight.test", "MANAGE")], Rows()), Patience);
        Assert.Null(await StoredLevelAsync(_sam.Id));
        Assert.Equal(PermissionLevel.Read, await Access.LevelAsync(_sam.Principal, long.Parse(_experimentId)));
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == "sam@finsight.test is back to the default level (READ).");
    }

    [Fact]
    public async Task AddPerson_UnknownEmailThenAnAdmin_ServerMessagesShownInTheDialogAndNothingStored()
    {
        OpenDialog();

        _dialogs.WaitForElement("#share-email", Patience).Input("nobody@finsight.test");
        _dialogs.Find("#share-add").Click();
        _dialogs.WaitForAssertion(() => Assert.Equal("No user has the email 'nobody@finsight.test'.", _dialogs.Find("#share-error").TextContent.Trim()), Patience);

        _dialogs.Find("#share-email").Input(FinSightServer.AdminEmail);
        _dialogs.Find("#share-add").Click();
        _dialogs.WaitForAssertion(() => Assert.StartsWith("admin@finsight.test is an admin and has every permission",
            _dialogs.Find("#share-error").TextContent.Trim()), Patience);

        Assert.Equal([("rita@finsight.test", "MANAGE")], Rows());
        Assert.Single((await Permissions.ListAsync(_owner.Principal, _experimentId)).Permissions);
    }

    [Fact]
    public async Task LowerOwnLevel_ToRead_SavedThenTheDialogSaysSoAndTheShareButtonGoes()
    {
        var page = OpenDialog();

        MudSelects.Choose(_popovers, _dialogs.WaitForElement(".share-level", Patience), "READ");

        _dialogs.WaitForAssertion(() => Assert.Contains("You need MANAGE permission on experiment", _dialogs.Find("#share-error").TextContent), Patience);
        Assert.Equal("READ", await StoredLevelAsync(_owner.Id));
        _dialogs.Find("#share-done").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#share-experiment")), Patience);
    }

    public static TheoryData<string, string?, bool> Callers => new()
    {
        // role, explicit level (null: the default, READ), whether Share is offered
        { Roles.Researcher, null, false },
        { Roles.Researcher, "EDIT", false },
        { Roles.Researcher, "MANAGE", true },
        // A viewer never has more than READ, whatever was granted.
        { Roles.Viewer, "MANAGE", false },
        { Roles.Admin, null, true },
    };

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task ShareButton_ShownOnlyToCallersWithManage_AndTheServiceAgrees(string role, string? level, bool shown)
    {
        var caller = await AccessTestUsers.CreateAsync(Ctx.Server, role, "caller@finsight.test", withKey: false);
        if (level is not null && role != Roles.Admin) await Permissions.SetAsync(_owner.Principal, _experimentId, caller.Email, level);
        Ctx.SignIn(caller.Principal);

        var page = RenderPage();

        Assert.Equal(shown, page.FindAll("#share-experiment").Count == 1);
        if (shown)
        {
            Assert.NotNull(await Permissions.ListAsync(caller.Principal, _experimentId));
        }
        else
        {
            var refused = await Assert.ThrowsAsync<TrackingException>(() => Permissions.ListAsync(caller.Principal, _experimentId));
            Assert.Equal(TrackingErrorKind.Forbidden, refused.Kind);
        }
    }

    private IRenderedComponent<ExperimentPage> RenderPage()
    {
        var page = Ctx.Context.Render<ExperimentPage>(p => p.Add(c => c.ExperimentId, _experimentId));
        page.WaitForAssertion(() => Assert.Equal("fx-lstm", page.Find("#experiment-name").TextContent), Patience);
        return page;
    }

    private IRenderedComponent<ExperimentPage> OpenDialog()
    {
        var page = RenderPage();
        page.Find("#share-experiment").Click();
        _dialogs.WaitForElement("#share-permissions", Patience);
        return page;
    }

    private List<(string Email, string Level)> Rows() =>
        _dialogs.FindAll("tr.share-row").Select(r => (r.GetAttribute("data-email")!, r.QuerySelector(".share-level input")!.GetAttribute("value")!)).ToList();

    private IElement Row(string email) => _dialogs.FindAll("tr.share-row").Single(r => r.GetAttribute("data-email") == email);

    private async Task<string?> StoredLevelAsync(string userId)
    {
        // Read as an admin: the owner may have given up MANAGE in the test.
        var stored = await Permissions.ListAsync(Ctx.Server.Admin, _experimentId);
        return stored.Permissions.SingleOrDefault(p => p.UserId == userId)?.Level;
    }

    private static string Text(IElement element) => string.Join(' ', element.TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
