using Bunit;
using FinSight.Dashboard.Components.Pages;
using Xunit;

namespace FinSight.Tests.Components.Pages;

/// <summary>The overview rendered by bUnit over a real running server's services (real SQLite, real live store).</summary>
public sealed class HomeTests : ServerBackedTest
{
    [Fact]
    public void Home_NoRuns_ShowsHowToLogAFirstRunAndTheDemoSwitch()
    {
        var page = Ctx.Context.Render<Home>();

        var empty = page.Find("#empty-state");
        Assert.Contains("StartRunAsync", empty.TextContent);
        Assert.Contains("--demo", empty.TextContent);
        Assert.NotNull(page.Find("#start-demo"));
        Assert.Equal("0", page.Find("#count-running .count-value").TextContent);
    }

    [Fact]
    public async Task Home_RunLogsThenEnds_CountsActiveListSparklineAndRecentListFollowLive()
    {
        var page = Ctx.Context.Render<Home>();
        await using var client = Ctx.NewClient();
        var run = await client.StartRunAsync("overview", "bunit-run");
        await ServerBackedContext.LogAsync(run, [0, 1, 2], ("train_loss", s => 1.0 / (s + 1)), ("val_loss", s => 2.0 / (s + 1)));

        page.WaitForAssertion(() =>
        {
            Assert.Equal("1", page.Find("#count-running .count-value").TextContent);
            var row = page.Find($"#active-runs tr[data-run='{run.RunId}']");
            Assert.Contains("bunit-run", row.TextContent);
            Assert.Contains("train_loss", row.TextContent);
            Assert.Equal("3", row.QuerySelector("svg")!.GetAttribute("data-points"));
        }, TimeSpan.FromSeconds(10));

        await ServerBackedContext.LogAsync(run, [3, 4], ("train_loss", s => 1.0 / (s + 1)));
        page.WaitForAssertion(() => Assert.Equal("5", page.Find($"#active-runs tr[data-run='{run.RunId}'] svg").GetAttribute("data-points")), TimeSpan.FromSeconds(10));

        await run.EndAsync();
        page.WaitForAssertion(() =>
        {
            Assert.Equal("0", page.Find("#count-running .count-value").TextContent);
            Assert.Equal("1", page.Find("#count-finished .count-value").TextContent);
            Assert.Contains("FINISHED", page.Find($"#recent-runs tr[data-run='{run.RunId}']").TextContent);
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Home_TopRuns_RankedBestFirstHonouringTheMetricsDirection()
    {
        await using var client = Ctx.NewClient();
        foreach (var (name, loss) in new[] { ("worse", 0.5), ("best", 0.1), ("middle", 0.3) })
        {
            var run = await client.StartRunAsync("overview", name);
            await ServerBackedContext.LogAsync(run, [0, 1], ("val_loss", s => s == 0 ? 1.0 : loss));
            await run.EndAsync();
        }

        var page = Ctx.Context.Render<Home>();

        page.WaitForAssertion(() => Assert.Equal(["best", "middle", "worse"],
            page.FindAll("#top-runs tr.top-run td:nth-child(2)").Select(td => td.TextContent.Trim())));
        Assert.Contains("lower is better", page.Find("#top-runs").TextContent);
    }

    [Fact]
    public async Task Home_Disposed_ReleasesEverySubscription()
    {
        await using var client = Ctx.NewClient();
        var run = await client.StartRunAsync("overview", "watched");
        await ServerBackedContext.LogAsync(run, [0], ("train_loss", _ => 1));
        var before = Ctx.Live.SubscriptionCount;
        var page = Ctx.Context.Render<Home>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#active-runs svg")));

        await Ctx.Context.DisposeComponentsAsync();

        Assert.Equal(before, Ctx.Live.SubscriptionCount);
    }
}
