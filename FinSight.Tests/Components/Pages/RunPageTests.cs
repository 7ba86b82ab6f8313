using Bunit;
using FinSight.Client;
using FinSight.Dashboard.Components.Pages;
using FinSight.Dashboard.Components.Run;
using FinSight.Dashboard.Data;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MetricChartAlias = FinSight.Dashboard.Components.Charts.MetricChart;
using Xunit;

namespace FinSight.Tests.Components.Pages;

/// <summary>The run page over a real server: header, charts, gauges, notes, params and tags, live status.</summary>
public sealed class RunPageTests : ServerBackedTest
{
    private IRenderedComponent<RunPage> RenderPage(string runId) => Ctx.Context.Render<RunPage>(p => p.Add(c => c.RunId, runId));

    private async Task<FinSightRun> StartRunAsync(FinSightClient client, string name) =>
        await client.StartRunAsync("run-page", name, new Dictionary<string, string> { ["optimizer"] = "adam", ["lr"] = "0.0003" },
            new Dictionary<string, string> { ["team"] = "fx" });

    [Fact]
    public async Task RunPage_RunWithMetrics_ShowsHeaderLossChartParamsAndTags()
    {
        await using var client = Ctx.NewClient();
        var run = await StartRunAsync(client, "resnet-a");
        await ServerBackedContext.LogAsync(run, [0, 1, 2], ("train_loss", s => 1.0 / (s + 1)), ("val_loss", s => 1.5 / (s + 1)), ("accuracy", s => s / 3.0));

        var page = RenderPage(run.RunId);

        page.WaitForAssertion(() => Assert.Equal("resnet-a", page.Find("#run-name").TextContent));
        Assert.Equal("RUNNING", page.Find(".run-status").GetAttribute("data-status"));
        Assert.Contains("run-page", page.Find("#run-experiment").TextContent);
        Assert.Contains("adam", page.Find("#params-table").TextContent);
        Assert.Contains("0.0003", page.Find("#params-table").TextContent);
        Assert.Contains("fx", page.Find("#tags-table").TextContent);
        // train and validation loss overlaid by default; accuracy only when picked
        var charts = page.FindComponents<MetricChartAlias>();
        var chart = Assert.Single(charts);
        Assert.Equal(["train_loss", "val_loss"], chart.Instance.Keys);
        Assert.Equal("chart-train_loss", chart.Instance.ChartId);
    }

    [Fact]
    public async Task RunPage_PredictionsLogged_FinancialMetricsPanelShowsThem()
    {
        await using var client = Ctx.NewClient();
        var run = await StartRunAsync(client, "forecaster");
        await run.LogPredictionsAsync([100, 102, 101, 105, 104], [101, 103, 100, 104, 106]);

        var page = RenderPage(run.RunId);

        page.WaitForAssertion(() => Assert.Equal("1.2", page.Find("#run-financial-metrics #fin-metric-mae .fin-metric-value").TextContent.Trim()));
        Assert.Equal("75.00%", page.Find("#fin-metric-directional_accuracy .fin-metric-value").TextContent.Trim());
    }

    [Fact]
    public async Task RunPage_RunEnds_StatusChipChangesLive()
    {
        await using var client = Ctx.NewClient();
        var run = await StartRunAsync(client, "ending");
        var page = RenderPage(run.RunId);
        page.WaitForAssertion(() => Assert.Equal("RUNNING", page.Find(".run-status").GetAttribute("data-status")));

        await run.EndAsync(FinSight.Core.Tracking.RunStatus.Failed);

        page.WaitForAssertion(() => Assert.Equal("FAILED", page.Find(".run-status").GetAttribute("data-status")), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("so far", page.Find("#run-duration").TextContent);
    }

    [Fact]
    public void RunPage_UnknownRun_SaysItDoesNotExist()
    {
        var page = RenderPage("0123456789abcdef0123456789abcdef");

        page.WaitForAssertion(() => Assert.Contains("does not exist", page.Find("#run-not-found").TextContent));
    }

    [Fact]
    public async Task RunPage_NotesSaved_StoredAsMlflowNoteTagAndConfirmed()
    {
        await using var client = Ctx.NewClient();
        var run = await StartRunAsync(client, "noted");
        var provider = Ctx.Context.Render<MudSnackbarProvider>();
        var page = RenderPage(run.RunId);
        page.WaitForElement("#edit-notes").Click();

        page.Find("textarea").Input("lr warm-up looks too short");
        page.Find("#save-notes").Click();

        page.WaitForAssertion(() => Assert.Contains("lr warm-up looks too short", page.Find("#notes-text").TextContent));
        var stored = await Ctx.Server.Services.GetRequiredService<TrackingReader>().GetRunAsync(Ctx.Server.Admin, run.RunId);
        Assert.Contains(stored.Tags, t => t.Key == RunNotes.TagKey && t.Value == "lr warm-up looks too short");
        provider.WaitForAssertion(() => Assert.Contains("Notes saved", provider.Markup));
        Assert.DoesNotContain(RunNotes.TagKey, page.Find("#tags-table").TextContent);
    }

    [Fact]
    public async Task RunPage_SystemMetricsLogged_GaugesShowLatestValuesAndNoDataForMissingOnes()
    {
        await using var client = Ctx.NewClient();
        var run = await StartRunAsync(client, "gpu-run");
        run.LogMetrics(new Dictionary<string, double>
        {
            ["system/cpu_percent"] = 40, ["system/memory_percent"] = 50,
            ["system/gpu/0/utilization"] = 90, ["system/gpu/0/memory_used_gb"] = 10, ["system/gpu/0/memory_total_gb"] = 80,
            ["system/gpu/0/temperature_c"] = 65,
        }, 0);
        run.LogMetrics(new Dictionary<string, double> { ["system/cpu_percent"] = 42 }, 1);
        await run.FlushAsync();

        var page = RenderPage(run.RunId);

        page.WaitForAssertion(() => Assert.Equal("42", page.Find("[id='gauge-system/cpu_percent']").GetAttribute("data-value")));
        Assert.Equal("90", page.Find("[id='gauge-system/gpu/0/utilization']").GetAttribute("data-value"));
        Assert.Contains("10 GB / 80 GB", page.Find("[id='gauge-system/gpu/0/memory_used_gb']").TextContent);
        Assert.Contains("no data", page.Find("[id='gauge-system/gpu/0/power_w']").TextContent);
        Assert.Contains("no data", page.Find("[id='gauge-system/disk_percent']").TextContent);
        Assert.Equal("2", page.Find("[id='gauge-system/cpu_percent'] svg").GetAttribute("data-points"));
        Assert.Empty(page.FindAll("#no-system-metrics"));
    }

    [Fact]
    public async Task RunPage_NoSystemMetrics_SaysSoInsteadOfZeros()
    {
        await using var client = Ctx.NewClient();
        var run = await StartRunAsync(client, "cpu-less");
        await ServerBackedContext.LogAsync(run, [0], ("train_loss", _ => 1));

        var page = RenderPage(run.RunId);

        page.WaitForAssertion(() => Assert.Contains("reports no system metrics", page.Find("#no-system-metrics").TextContent));
        Assert.Empty(page.FindAll(".gauge"));
    }

    [Fact]
    public async Task RunPage_Disposed_ReleasesEverySubscription()
    {
        await using var client = Ctx.NewClient();
        var run = await StartRunAsync(client, "disposed");
        await ServerBackedContext.LogAsync(run, [0], ("train_loss", _ => 1));
        var before = Ctx.Live.ActiveSubscriptions;
        var page = RenderPage(run.RunId);
        page.WaitForAssertion(() => Assert.Single(page.FindComponents<MetricChartAlias>()));
        Assert.True(Ctx.Live.ActiveSubscriptions > before);

        await Ctx.Context.DisposeComponentsAsync();

        Assert.Equal(before, Ctx.Live.ActiveSubscriptions);
    }
}
