using Bunit;
using FinSight.Client;
using FinSight.Dashboard.Components.Pages;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Demo;
using FinSight.Dashboard.Live;
using FinSight.Tests.Integration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Xunit;

namespace FinSight.Tests.Components.Pages;

/// <summary>The home page rendered by bUnit over a real running server's services (real SQLite, real live store).</summary>
public sealed class HomeTests : IAsyncLifetime
{
    private FinSightServer _server = null!;
    private BunitContext _context = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await FinSightServer.StartAsync();
        _context = new BunitContext();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddMudServices();
        // The page's own services, taken from the running server so the page reads what the server stored.
        _context.Services.AddSingleton(_server.Services.GetRequiredService<TrackingReader>());
        _context.Services.AddSingleton(_server.Services.GetRequiredService<LiveMetricsStore>());
        _context.Services.AddSingleton(_server.Services.GetRequiredService<DemoTrainer>());
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public void Home_NoRuns_ShowsHowToLogAFirstRun()
    {
        var page = _context.Render<Home>();

        Assert.Contains("No runs yet", page.Markup);
        Assert.Contains("StartRunAsync", page.Markup);
        Assert.NotNull(page.Find("#start-demo"));
    }

    [Fact]
    public async Task Home_RunLogsMetrics_TableShowsStatusAndLatestValuesLive()
    {
        var page = _context.Render<Home>();
        await using var client = new FinSightClient(new FinSightClientOptions { ServerUrl = _server.Address, SystemMetrics = false });
        var run = await client.StartRunAsync("component", "bunit-run");
        run.LogMetrics(new Dictionary<string, double> { ["train_loss"] = 0.25, ["accuracy"] = 0.875 }, 3);
        await run.FlushAsync();

        page.WaitForAssertion(() =>
        {
            var row = page.Find("#runs-table tbody tr");
            Assert.Contains("bunit-run", row.TextContent);
            Assert.Contains("RUNNING", row.TextContent);
            Assert.Contains("train_loss=0.25", row.TextContent);
            Assert.Contains("accuracy=0.875", row.TextContent);
        }, TimeSpan.FromSeconds(10));

        await run.EndAsync();
        page.WaitForAssertion(() => Assert.Contains("FINISHED", page.Find("#runs-table tbody tr").TextContent), TimeSpan.FromSeconds(10));
    }
}
