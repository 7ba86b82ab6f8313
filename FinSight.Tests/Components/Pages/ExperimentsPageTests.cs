using Bunit;
using FinSight.Client;
using FinSight.Dashboard.Components.Pages;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Ingestion;
using FinSight.Dashboard.Live;
using FinSight.Tests.Integration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Xunit;

namespace FinSight.Tests.Components.Pages;

/// <summary>The experiments page rendered by bUnit over a running server's real services (real SQLite, writer and live store).</summary>
public sealed class ExperimentsPageTests : ServerBackedTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;

    private IngestionService Ingestion => Ctx.Server.Services.GetRequiredService<IngestionService>();
    private TrackingReader Reader => Ctx.Server.Services.GetRequiredService<TrackingReader>();
    private LiveMetricsStore Live => Ctx.Server.Services.GetRequiredService<LiveMetricsStore>();
    private ISnackbar Snackbar => Ctx.Context.Services.GetRequiredService<ISnackbar>();

    protected override void OnStarted()
    {
        Ctx.Context.Render<MudPopoverProvider>();
        _dialogs = Ctx.Context.Render<MudDialogProvider>();
    }

    [Fact]
    public void ExperimentsPage_NoExperiments_ShowsHowToCreateOne()
    {
        var page = Ctx.Context.Render<ExperimentsPage>();

        var empty = page.Find("#experiments-empty");
        Assert.Contains("No experiments yet", empty.TextContent);
        Assert.Contains("StartRunAsync(\"price-forecast\"", empty.TextContent);
        Assert.NotNull(page.Find("#new-experiment-empty"));
    }

    [Fact]
    public async Task ExperimentsPage_ExperimentsWithRuns_RowsShowLinkDescriptionAndCounts()
    {
        var done = await Client.StartRunAsync("fx-lstm", "done");
        await Client.StartRunAsync("fx-lstm", "going");
        await done.EndAsync();
        await Ingestion.CreateExperimentAsync(Ctx.Server.Admin, "credit-risk", "PD model\nsecond line");

        var page = Ctx.Context.Render<ExperimentsPage>();

        var fx = Row(page, "fx-lstm");
        Assert.Equal($"/experiments/{done.ExperimentId}", fx.QuerySelector("a.experiment-link")!.GetAttribute("href"));
        Assert.Equal(["fx-lstm", "", "2", "RUNNING 1"], Cells(fx).Take(4));
        var credit = Row(page, "credit-risk");
        Assert.Equal(["credit-risk", "PD model", "0", "0"], Cells(credit).Take(4));
        Assert.Equal("PD model\nsecond line", credit.QuerySelector(".experiment-description")!.GetAttribute("title"));
    }

    [Fact]
    public async Task ExperimentsPage_SearchText_KeepsRowsWhoseNameOrDescriptionContainsIt()
    {
        await Ingestion.CreateExperimentAsync(Ctx.Server.Admin, "fx-lstm", null);
        await Ingestion.CreateExperimentAsync(Ctx.Server.Admin, "credit-risk", "uses an LSTM too");
        await Ingestion.CreateExperimentAsync(Ctx.Server.Admin, "churn", null);
        var page = Ctx.Context.Render<ExperimentsPage>();

        page.Find("#experiment-search").Input("lstm");

        page.WaitForAssertion(() => Assert.Equal(["credit-risk", "fx-lstm"], Names(page).Order()), Patience);
        page.Find("#experiment-search").Input("nothing-like-this");
        page.WaitForAssertion(() => Assert.Contains("No experiment's name or description contains \"nothing-like-this\"", page.Markup), Patience);
    }

    [Fact]
    public async Task ExperimentsPage_SortByRunsColumn_OrdersRowsByRunCount()
    {
        await Client.StartRunAsync("two-runs", "a");
        await Client.StartRunAsync("two-runs", "b");
        await Ingestion.CreateExperimentAsync(Ctx.Server.Admin, "no-runs", null);
        await Client.StartRunAsync("one-run", "a");
        var page = Ctx.Context.Render<ExperimentsPage>();

        ClickSort(page, "Runs");
        page.WaitForAssertion(() => Assert.Equal(["no-runs", "one-run", "two-runs"], Names(page)), Patience);
        ClickSort(page, "Runs");
        page.WaitForAssertion(() => Assert.Equal(["two-runs", "one-run", "no-runs"], Names(page)), Patience);
    }

    [Fact]
    public async Task NewExperiment_DialogSaved_StoredListedAndConfirmed()
    {
        var page = Ctx.Context.Render<ExperimentsPage>();

        page.Find("#new-experiment-empty").Click();
        _dialogs.WaitForElement("#experiment-name", Patience).Input("price-forecast");
        _dialogs.Find("#experiment-description").Input("Daily close, 5 horizons");
        _dialogs.Find("#experiment-save").Click();

        page.WaitForAssertion(() => Assert.Equal(["price-forecast"], Names(page)), Patience);
        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("#experiment-name")), Patience);
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == "Experiment 'price-forecast' created." && s.Severity == Severity.Success);
        var stored = Assert.Single(await Reader.ListExperimentOverviewsAsync(Ctx.Server.Admin, false));
        Assert.Equal(("price-forecast", "Daily close, 5 horizons"), (stored.Name, stored.Description));
    }

    [Fact]
    public async Task NewExperiment_NameTaken_ServerMessageShownInOpenDialog()
    {
        await Ingestion.CreateExperimentAsync(Ctx.Server.Admin, "taken", null);
        var page = Ctx.Context.Render<ExperimentsPage>();

        page.Find("#new-experiment").Click();
        _dialogs.WaitForElement("#experiment-name", Patience).Input("taken");
        _dialogs.Find("#experiment-save").Click();

        _dialogs.WaitForAssertion(() => Assert.Equal("An experiment named 'taken' already exists.", _dialogs.Find("#experiment-dialog-error").TextContent.Trim()), Patience);
        Assert.NotNull(_dialogs.Find("#experiment-name"));
        Assert.Single(await Reader.ListExperimentOverviewsAsync(Ctx.Server.Admin, false));
    }

    [Fact]
    public async Task EditExperiment_Renamed_RowAndStoreUpdatedAndConfirmed()
    {
        await Ingestion.CreateExperimentAsync(Ctx.Server.Admin, "old-name", "keep me");
        var page = Ctx.Context.Render<ExperimentsPage>();

        Row(page, "old-name").QuerySelector("button.edit-experiment")!.Click();
        var name = _dialogs.WaitForElement("#experiment-name", Patience);
        Assert.Equal("old-name", name.GetAttribute("value"));
        name.Input("new-name");
        _dialogs.Find("#experiment-save").Click();

        page.WaitForAssertion(() => Assert.Equal(["new-name"], Names(page)), Patience);
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == "Experiment 'old-name' renamed to 'new-name'.");
        Assert.Equal("keep me", Assert.Single(await Reader.ListExperimentOverviewsAsync(Ctx.Server.Admin, false)).Description);
    }

    [Fact]
    public async Task DeleteExperiment_Confirmed_HiddenThenRestoredFromShowDeleted()
    {
        var run = await Client.StartRunAsync("doomed", "r");
        await Ingestion.CreateExperimentAsync(Ctx.Server.Admin, "survivor", null);
        var page = Ctx.Context.Render<ExperimentsPage>();

        Row(page, "doomed").QuerySelector("button.delete-experiment")!.Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("'doomed' and its run will leave every list", _dialogs.Markup), Patience);
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click();

        page.WaitForAssertion(() => Assert.Equal(["survivor"], Names(page)), Patience);
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == "Experiment 'doomed' deleted.");
        Assert.Equal("r", (await Reader.GetRunAsync(Ctx.Server.Admin, run.RunId)).Info.RunName);

        page.Find("input#show-deleted").Change(true);
        page.WaitForAssertion(() => Assert.Contains("deleted", Row(page, "doomed").TextContent), Patience);
        Row(page, "doomed").QuerySelector("button.restore-experiment")!.Click();

        page.WaitForAssertion(() => Assert.Empty(Row(page, "doomed").QuerySelectorAll(".deleted-chip")), Patience);
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == "Experiment 'doomed' restored.");
        Assert.Equal(2, (await Reader.ListExperimentOverviewsAsync(Ctx.Server.Admin, false)).Count);
    }

    [Fact]
    public async Task DeleteExperiment_Cancelled_NothingChanges()
    {
        await Ingestion.CreateExperimentAsync(Ctx.Server.Admin, "kept", null);
        var page = Ctx.Context.Render<ExperimentsPage>();

        Row(page, "kept").QuerySelector("button.delete-experiment")!.Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("Delete experiment?", _dialogs.Markup), Patience);
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        Assert.Single(await Reader.ListExperimentOverviewsAsync(Ctx.Server.Admin, false));
        Assert.Equal(["kept"], Names(page));
        Assert.DoesNotContain(Snackbar.ShownSnackbars, s => s.Message?.Contains("deleted") == true);
    }

    [Fact]
    public async Task ExperimentsPage_RunsStartAndEndElsewhere_CountsRefreshLive()
    {
        var first = await Client.StartRunAsync("live-exp", "first");
        var page = Ctx.Context.Render<ExperimentsPage>();
        Assert.Equal("RUNNING 1", Cells(Row(page, "live-exp"))[3]);

        var second = await Client.StartRunAsync("live-exp", "second");
        page.WaitForAssertion(() => Assert.Equal(["2", "RUNNING 2"], Cells(Row(page, "live-exp"))[2..4]), Patience);
        await first.EndAsync();
        await second.EndAsync();
        page.WaitForAssertion(() => Assert.Equal(["2", "0"], Cells(Row(page, "live-exp"))[2..4]), Patience);
        await Ingestion.CreateExperimentAsync(Ctx.Server.Admin, "made-elsewhere", null);
        page.WaitForAssertion(() => Assert.Contains("made-elsewhere", Names(page)), Patience);
    }

    [Fact]
    public void ExperimentsPage_Disposed_SubscriptionsReleased()
    {
        var before = Live.ActiveSubscriptions;
        var page = Ctx.Context.Render<ExperimentsPage>();
        Assert.Equal(before + 2, Live.ActiveSubscriptions);

        page.Instance.Dispose();

        Assert.Equal(before, Live.ActiveSubscriptions);
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<ExperimentsPage> page, string name) =>
        page.FindAll("#experiments-grid tbody tr").Single(r => r.QuerySelector("a.experiment-link")?.TextContent.Trim() == name);

    private static List<string> Names(IRenderedComponent<ExperimentsPage> page) =>
        page.FindAll("#experiments-grid tbody tr a.experiment-link").Select(a => a.TextContent.Trim()).ToList();

    private static string[] Cells(AngleSharp.Dom.IElement row) =>
        row.QuerySelectorAll("td").Select(td => string.Join(' ', td.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToArray();

    private static void ClickSort(IRenderedComponent<ExperimentsPage> page, string column)
    {
        page.FindAll("#experiments-grid th .sortable-column-header").Single(h => h.TextContent.Trim() == column).Click();
    }
}
