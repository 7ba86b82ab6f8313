using AngleSharp.Dom;
using Bunit;
using FinSight.Client;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Components.Pages;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Ingestion;
using FinSight.Dashboard.Live;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Xunit;

namespace FinSight.Tests.Components.Pages;

/// <summary>The experiment page rendered by bUnit over a real running server's services (real SQLite, real live store).</summary>
public sealed class ExperimentPageTests : ServerBackedTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static async Task<(FinSightRun Adam, FinSightRun Sgd)> TwoRunsAsync(FinSightClient client)
    {
        var adam = await client.StartRunAsync("page", "lstm-adam", new Dictionary<string, string> { ["optimizer"] = "adam", ["lr"] = "0.0005" });
        var sgd = await client.StartRunAsync("page", "lstm-sgd", new Dictionary<string, string> { ["optimizer"] = "sgd", ["lr"] = "0.01" });
        foreach (var (run, values) in new[] { (adam, new[] { 0.9, 0.04, 0.08 }), (sgd, new[] { 1.2, 0.3, 0.35 }) })
        {
            for (var step = 0; step < values.Length; step++) run.LogMetric("val_loss", values[step], step);
            await run.FlushAsync();
        }
        return (adam, sgd);
    }

    private IRenderedComponent<ExperimentPage> RenderPage(string experimentId) =>
        Ctx.Context.Render<ExperimentPage>(p => p.Add(x => x.ExperimentId, experimentId));

    private static IReadOnlyList<IElement> Rows(IRenderedComponent<ExperimentPage> page) => page.FindAll("#runs-grid tbody tr");

    [Fact]
    public async Task ExperimentPage_RunsWithData_ShowsRowsStatusCountsAndColumns()
    {
        await using var client = Ctx.NewClient();
        var (adam, _) = await TwoRunsAsync(client);
        await adam.EndAsync();

        var page = RenderPage(adam.ExperimentId);

        page.WaitForAssertion(() =>
        {
            Assert.Equal(2, Rows(page).Count);
            var adamRow = Rows(page).Single(r => r.TextContent.Contains("lstm-adam"));
            Assert.Equal("FINISHED", adamRow.QuerySelector(".run-status")!.GetAttribute("data-status"));
            Assert.Equal($"/runs/{adam.RunId}", adamRow.QuerySelector(".run-name a")!.GetAttribute("href"));
            Assert.Equal("0.0005", adamRow.QuerySelector("[data-column='params.lr']")!.TextContent);
            Assert.Equal("0.08", adamRow.QuerySelector("[data-column='metrics.val_loss']")!.TextContent);
        }, Wait);
        Assert.Equal("page", page.Find("#experiment-name").TextContent);
        Assert.Contains("1 running", page.Find("#run-counts").TextContent);
        Assert.Contains("1 finished", page.Find("#run-counts").TextContent);
        Assert.Contains("0 failed", page.Find("#run-counts").TextContent);
        Assert.Equal("/experiments", page.Find("#back-to-experiments").GetAttribute("href"));
    }

    [Fact]
    public async Task ExperimentPage_EmptyExperiment_ShowsEmptyState()
    {
        var created = await Ctx.Server.Services.GetRequiredService<IngestionService>().CreateExperimentAsync(Ctx.Server.Admin, "empty", "nothing yet");

        var page = RenderPage(created.ExperimentId);

        page.WaitForAssertion(() => Assert.Contains("No runs in this experiment yet", page.Find("#empty-state").TextContent), Wait);
        Assert.Equal("nothing yet", page.Find("#experiment-description").TextContent);
        Assert.Empty(page.FindAll("#runs-grid"));
    }

    [Fact]
    public void ExperimentPage_UnknownExperiment_SaysItDoesNotExist()
    {
        var page = RenderPage("4242");

        page.WaitForAssertion(() => Assert.Equal("Experiment 4242 does not exist.", page.Find("#experiment-not-found").TextContent.Trim()), Wait);
    }

    [Fact]
    public async Task ExperimentPage_FilterSyntaxError_ShowsMessageWithCaretAndKeepsRows()
    {
        await using var client = Ctx.NewClient();
        var (adam, _) = await TwoRunsAsync(client);
        var page = RenderPage(adam.ExperimentId);
        page.WaitForAssertion(() => Assert.Equal(2, Rows(page).Count), Wait);

        var input = page.Find("#run-filter");
        input.Input("metrics.val_loss <");
        page.Find("#run-filter").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        page.WaitForAssertion(() =>
        {
            var error = page.Find("#filter-error");
            Assert.Contains("Expected a value after '<', found the end of the filter at column 19", error.TextContent);
            Assert.Equal("metrics.val_loss <\n" + new string(' ', 18) + "^", error.QuerySelector("pre")!.TextContent);
        }, Wait);
        Assert.Equal(2, Rows(page).Count);
    }

    [Fact]
    public async Task ExperimentPage_ApplyValidFilter_NarrowsRowsAndClearsError()
    {
        await using var client = Ctx.NewClient();
        var (adam, _) = await TwoRunsAsync(client);
        var page = RenderPage(adam.ExperimentId);
        page.WaitForAssertion(() => Assert.Equal(2, Rows(page).Count), Wait);

        page.Find("#run-filter").Input("min(metrics.val_loss) < 0.1 and params.optimizer = 'adam'");
        page.Find("#apply-filter").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Single(Rows(page));
            Assert.Contains("lstm-adam", Rows(page)[0].TextContent);
        }, Wait);
        Assert.Empty(page.FindAll("#filter-error"));
        Assert.Contains("filter=min%28metrics.val_loss%29", page.Find("#export-csv").GetAttribute("href"));
    }

    [Fact]
    public async Task ExperimentPage_RunEnds_StatusChipUpdatesLive()
    {
        await using var client = Ctx.NewClient();
        var (adam, _) = await TwoRunsAsync(client);
        var page = RenderPage(adam.ExperimentId);
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-status='RUNNING'].run-status").Count), Wait);

        await adam.EndAsync(RunStatus.Failed);

        page.WaitForAssertion(() =>
        {
            var row = Rows(page).Single(r => r.TextContent.Contains("lstm-adam"));
            Assert.Equal("FAILED", row.QuerySelector(".run-status")!.GetAttribute("data-status"));
            Assert.Contains("1 failed", page.Find("#run-counts").TextContent);
        }, Wait);
    }

    [Fact]
    public async Task ExperimentPage_Disposed_RunEndingCausesNoRenderOrError()
    {
        await using var client = Ctx.NewClient();
        var (adam, _) = await TwoRunsAsync(client);
        var page = RenderPage(adam.ExperimentId);
        page.WaitForAssertion(() => Assert.Equal(2, Rows(page).Count), Wait);
        var renders = page.RenderCount;
        await Ctx.Context.DisposeComponentsAsync();

        // A subscription of our own fires after the page's would have: once it has, the page had its chance.
        var live = Ctx.Server.Services.GetRequiredService<LiveMetricsStore>();
        var notified = new TaskCompletionSource();
        using var probe = live.SubscribeRunChanges(() => { notified.TrySetResult(); return Task.CompletedTask; });
        await adam.EndAsync();
        await notified.Task.WaitAsync(Wait);
        await Task.Delay(200);

        Assert.Equal(renders, page.RenderCount);
    }

    [Fact]
    public async Task ExperimentPage_PickMinColumn_ShowsTheMetricsMinimum()
    {
        await using var client = Ctx.NewClient();
        var (adam, _) = await TwoRunsAsync(client);
        var popovers = Ctx.Context.Render<MudPopoverProvider>();
        var page = RenderPage(adam.ExperimentId);
        page.WaitForAssertion(() => Assert.Equal(2, Rows(page).Count), Wait);

        page.Find("#column-picker").ParentElement!.QuerySelector(".mud-input-control, .mud-select-input, .mud-input")!.MouseDown();
        popovers.WaitForAssertion(() => Assert.NotEmpty(popovers.FindAll(".mud-list-item")), Wait);
        popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == "min(metrics.val_loss)").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Contains("val_loss (min)", page.Find("#runs-grid thead").TextContent);
            var adamRow = Rows(page).Single(r => r.TextContent.Contains("lstm-adam"));
            Assert.Equal("0.04", adamRow.QuerySelector("[data-column='min(metrics.val_loss)']")!.TextContent);
            var sgdRow = Rows(page).Single(r => r.TextContent.Contains("lstm-sgd"));
            Assert.Equal("0.3", sgdRow.QuerySelector("[data-column='min(metrics.val_loss)']")!.TextContent);
        }, Wait);
    }

    [Fact]
    public async Task ExperimentPage_SelectTwoRuns_EnablesCompareWithTheirIds()
    {
        await using var client = Ctx.NewClient();
        var (adam, sgd) = await TwoRunsAsync(client);
        var page = RenderPage(adam.ExperimentId);
        page.WaitForAssertion(() => Assert.Equal(2, Rows(page).Count), Wait);
        Assert.True(page.Find("#compare-selected").HasAttribute("disabled"));

        foreach (var box in page.FindAll(".select-run input")) box.Change(true);
        page.Find("#compare-selected").Click();

        var navigation = Ctx.Context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        var query = new Uri(navigation.Uri).Query;
        Assert.StartsWith("?runIds=", query);
        Assert.Equal(new[] { adam.RunId, sgd.RunId }.Order(), query["?runIds=".Length..].Split(',').Order());
    }
}
