using Bunit;
using FinSight.Dashboard.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Xunit;

namespace FinSight.Tests.Components.Pages;

/// <summary>The run and compare pages link their report downloads to the report API, as plain download links.</summary>
public sealed class ReportDownloadButtonTests : ServerBackedTest
{
    protected override void OnStarted() => Ctx.Context.Render<MudPopoverProvider>();

    [Fact]
    public async Task RunPage_Loaded_ReportButtonDownloadsTheRunReport()
    {
        var run = await Client.StartRunAsync("reports", "r1");
        await ServerBackedContext.LogAsync(run, [0, 1], ("loss", s => 1.0 / (s + 1)));

        var page = Ctx.Context.Render<RunPage>(p => p.Add(c => c.RunId, run.RunId));

        page.WaitForAssertion(() => Assert.Equal($"/api/v1/runs/{run.RunId}/report", page.Find("#run-report-download").GetAttribute("href")));
        Assert.True(page.Find("#run-report-download").HasAttribute("download"));
    }

    [Fact]
    public async Task ComparePage_Loaded_ReportButtonDownloadsTheComparisonInTheAddressOrder()
    {
        var first = await Client.StartRunAsync("reports", "first");
        var second = await Client.StartRunAsync("reports", "second");
        await ServerBackedContext.LogAsync(first, [0, 1], ("loss", s => 1.0 / (s + 1)));
        await ServerBackedContext.LogAsync(second, [0, 1], ("loss", s => 2.0 / (s + 1)));
        Ctx.Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"/compare?runIds={second.RunId},{first.RunId}");

        var page = Ctx.Context.Render<ComparePage>();

        page.WaitForAssertion(() => Assert.Equal($"/api/v1/compare/report?runIds={second.RunId},{first.RunId}",
            page.Find("#compare-report-download").GetAttribute("href")));
        Assert.True(page.Find("#compare-report-download").HasAttribute("download"));
    }
}
