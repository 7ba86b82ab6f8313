using AngleSharp.Dom;
using Bunit;
using FinSight.Core.Access;
using FinSight.Core.Contracts;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Components.Pages;
using FinSight.Dashboard.Components.Run;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Ingestion;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using FinSight.Tests.Integration;
using Xunit;

namespace FinSight.Tests.Components.Pages;

/// <summary>
/// Write actions are offered only to callers who may use them: by role (Viewers never write, only Researchers and
/// Admins create) and by level on each experiment (EDIT edits, MANAGE deletes and restores). The server refuses the
/// rest anyway; these tests check the pages do not offer them, and where an action is offered, that it works.
/// </summary>
public sealed class WriteActionGatingTests : ServerBackedTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private IngestionService Ingestion => Ctx.Server.Services.GetRequiredService<IngestionService>();
    private PermissionAdministration Permissions => Ctx.Server.Services.GetRequiredService<PermissionAdministration>();

    protected override void OnStarted() => Ctx.Context.Render<MudPopoverProvider>();

    [Fact]
    public async Task ExperimentsPage_Researcher_RowActionsFollowEachExperimentsLevel()
    {
        var rita = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Researcher, "rita@finsight.test", withKey: false);
        await CreateAsync("read-only", rita, null);
        await CreateAsync("editable", rita, "EDIT");
        await CreateAsync("managed", rita, "MANAGE");
        await CreateAsync("gone-managed", rita, "MANAGE", deleted: true);
        await CreateAsync("gone-editable", rita, "EDIT", deleted: true);
        Ctx.SignIn(rita.Principal);

        var page = Ctx.Context.Render<ExperimentsPage>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("a.experiment-link").Count), Patience);
        Assert.NotNull(page.Find("#new-experiment"));
        Assert.Equal([], Actions(page, "read-only"));
        Assert.Equal(["edit"], Actions(page, "editable"));
        Assert.Equal(["edit", "delete"], Actions(page, "managed"));
        page.Find("input#show-deleted").Change(true);
        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll("a.experiment-link").Count), Patience);
        Assert.Equal(["restore"], Actions(page, "gone-managed"));
        Assert.Equal([], Actions(page, "gone-editable"));
    }

    [Fact]
    public async Task ExperimentsPage_Viewer_NoWriteActionEvenWhereEditOrManageWasGranted()
    {
        var vera = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Viewer, "vera@finsight.test", withKey: false);
        await CreateAsync("editable", vera, "EDIT");
        await CreateAsync("managed", vera, "MANAGE");
        await CreateAsync("gone", vera, "MANAGE", deleted: true);
        Ctx.SignIn(vera.Principal);

        var page = Ctx.Context.Render<ExperimentsPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("a.experiment-link").Count), Patience);
        Assert.Empty(page.FindAll("#new-experiment"));
        Assert.Equal([], Actions(page, "editable"));
        Assert.Equal([], Actions(page, "managed"));
        page.Find("input#show-deleted").Change(true);
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("a.experiment-link").Count), Patience);
        Assert.Equal([], Actions(page, "gone"));
        // And the server agrees with what the page leaves out.
        var refused = await Assert.ThrowsAsync<TrackingException>(() => Ingestion.CreateExperimentAsync(vera.Principal, "mine", null));
        Assert.Equal(TrackingErrorKind.Forbidden, refused.Kind);
    }

    [Fact]
    public async Task ExperimentsPage_ViewerAndNoExperiments_EmptyStateOffersNoCreate()
    {
        var vera = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Viewer, "vera@finsight.test", withKey: false);
        Ctx.SignIn(vera.Principal);

        var page = Ctx.Context.Render<ExperimentsPage>();

        var empty = page.Find("#experiments-empty");
        Assert.Contains("your role (Viewer) can read experiments but not create them", string.Join(' ', empty.TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)));
        Assert.DoesNotContain("Press New experiment", empty.TextContent);
        Assert.Empty(page.FindAll("#new-experiment-empty"));
        Assert.Empty(page.FindAll("#new-experiment"));
    }

    public static TheoryData<string, string?, bool> Callers => new()
    {
        // role, explicit level on the experiment (null: the default, READ), whether editing is offered
        { Roles.Researcher, null, false },
        { Roles.Researcher, "EDIT", true },
        { Roles.Researcher, "MANAGE", true },
        { Roles.Viewer, "EDIT", false },
        { Roles.Admin, null, true },
    };

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task RunPage_Notes_EditableOnlyWithEdit(string role, string? level, bool editable)
    {
        var run = await Client.StartRunAsync("notes-exp", "noted");
        await Ingestion.SetTagsAsync(Ctx.Server.Admin, new SetTagsRequest { RunId = run.RunId, Tags = [new KeyValueEntry { Key = RunNotes.TagKey, Value = "warm-up too short" }] });
        var caller = await CallerAsync(role, run.ExperimentId, level);
        Ctx.SignIn(caller);

        var page = Ctx.Context.Render<RunPage>(p => p.Add(c => c.RunId, run.RunId));

        page.WaitForAssertion(() => Assert.Equal("warm-up too short", page.Find("#notes-text").TextContent.Trim()), Patience);
        Assert.Equal(editable, page.FindAll("#edit-notes").Count == 1);
    }

    [Fact]
    public async Task RunPage_ResearcherWithEdit_EditsAndSavesNotes()
    {
        var run = await Client.StartRunAsync("notes-exp", "noted");
        var rita = await CallerAsync(Roles.Researcher, run.ExperimentId, "EDIT");
        Ctx.SignIn(rita);
        var page = Ctx.Context.Render<RunPage>(p => p.Add(c => c.RunId, run.RunId));

        page.WaitForElement("#edit-notes", Patience).Click();
        // Waited for, not found at once: under load the click's render can land just after Click returns.
        page.WaitForElement("textarea", Patience).Input("rita's note");
        page.Find("#save-notes").Click();

        page.WaitForAssertion(() => Assert.Equal("rita's note", page.Find("#notes-text").TextContent.Trim()), Patience);
        var stored = await Ctx.Server.Services.GetRequiredService<TrackingReader>().GetRunAsync(rita, run.RunId);
        Assert.Contains(stored.Tags, t => t.Key == RunNotes.TagKey && t.Value == "rita's note");
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task ComparePage_DirectionFlip_OfferedOnlyWithEdit(string role, string? level, bool offered)
    {
        var a = await Client.StartRunAsync("compare-exp", "a");
        var b = await Client.StartRunAsync("compare-exp", "b");
        await ServerBackedContext.LogAsync(a, [0, 1], ("train_loss", s => 1.0 / (s + 1)));
        await ServerBackedContext.LogAsync(b, [0, 1], ("train_loss", s => 2.0 / (s + 1)));
        var caller = await CallerAsync(role, a.ExperimentId, level);
        Ctx.SignIn(caller);

        // The page reads its run ids from the address, as in the browser.
        Ctx.Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"/compare?runIds={a.RunId},{b.RunId}");
        var page = Ctx.Context.Render<ComparePage>();

        page.WaitForAssertion(() => Assert.Equal("lower is better", page.Find("#rankings-train_loss .direction-label").TextContent.Trim()), Patience);
        Assert.Equal(offered, page.FindAll("#rankings-train_loss button.flip-direction").Count == 1);
    }

    /// <summary>The experiments page's row actions, in the order shown.</summary>
    private static List<string> Actions(IRenderedComponent<ExperimentsPage> page, string experiment)
    {
        var row = page.FindAll("#experiments-grid tbody tr").Single(r => r.QuerySelector("a.experiment-link")?.TextContent.Trim() == experiment);
        return row.QuerySelectorAll("button").Select(ActionOf).OfType<string>().ToList();
    }

    private static string? ActionOf(IElement button) =>
        button.ClassList.Contains("edit-experiment") ? "edit"
        : button.ClassList.Contains("delete-experiment") ? "delete"
        : button.ClassList.Contains("restore-experiment") ? "restore"
        : null;

    /// <summary>An experiment made by the admin, on which <paramref name="user"/> gets <paramref name="level"/> (null: the default).</summary>
    private async Task CreateAsync(string name, TestUser user, string? level, bool deleted = false)
    {
        var experiment = await Ingestion.CreateExperimentAsync(Ctx.Server.Admin, name, null);
        if (level is not null) await Permissions.SetAsync(Ctx.Server.Admin, experiment.ExperimentId, user.Email, level);
        if (deleted) await Ingestion.DeleteExperimentAsync(Ctx.Server.Admin, experiment.ExperimentId);
    }

    /// <summary>The server's admin, or a new user of <paramref name="role"/> given <paramref name="level"/> on the experiment.</summary>
    private async Task<ClaimsPrincipal> CallerAsync(string role, string experimentId, string? level)
    {
        if (role == Roles.Admin) return Ctx.Server.Admin;
        var user = await AccessTestUsers.CreateAsync(Ctx.Server, role, $"{role.ToLowerInvariant()}@finsight.test", withKey: false);
        if (level is not null) await Permissions.SetAsync(Ctx.Server.Admin, experimentId, user.Email, level);
        return user.Principal;
    }
}
