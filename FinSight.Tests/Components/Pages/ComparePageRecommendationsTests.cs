using System.Text.RegularExpressions;
using Bunit;
using FinSight.Dashboard.Components.Pages;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Xunit;

namespace FinSight.Tests.Components.Pages;

/// <summary>The compare page's recommendations and Pareto chart, rendered by bUnit over a running server fed by FinSightClient.</summary>
public sealed partial class ComparePageRecommendationsTests : ServerBackedTest
{
    private const int Steps = 60;
    private const int Turn = 30;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private IRenderedComponent<MudPopoverProvider> _popovers = default!;

    protected override void OnStarted()
    {
        _popovers = Ctx.Context.Render<MudPopoverProvider>();
    }

    /// <summary>Validation loss falls to 0.3 at step <see cref="Turn"/>, then climbs 0.01 a step.</summary>
    private static double Overfitting(long step) => step <= Turn ? 1.0 - 0.7 * step / Turn : 0.3 + 0.01 * (step - Turn);

    [Fact]
    public async Task Recommendations_ThreeRuns_BestPerMetricDominatedRunAndOverfittingWithItsStep()
    {
        var (good, bad, overfit) = await ThreeRunsAsync();

        var page = Compare(good.RunId, bad.RunId, overfit.RunId);

        var items = page.FindAll("#compare-recommendations li.compare-finding");
        Assert.Equal(["best-run", "best-run", "pareto-front", "dominated", "overfitting"], items.Select(i => i.GetAttribute("data-kind")));
        // Best losses: overfit's train loss 0.5/60 + 0.05; good's validation loss 1.2/60 + 0.2.
        Assert.Equal("overfit has the best train_loss (0.05833, lower is better).", Text(items[0]));
        Assert.Equal("good has the best val_loss (0.22, lower is better).", Text(items[1]));
        Assert.StartsWith("bad is dominated by good, which is at least as good on every chosen metric (train_loss, val_loss)", Text(items[3]));
        var step = int.Parse(OverfitsFrom().Match(Text(items[4])).Groups[1].Value);
        Assert.InRange(step, Turn - 2, Turn + 2);
        Assert.Contains("val_loss was lowest there", Text(items[4]));
        Assert.Contains("while train_loss kept falling", Text(items[4]));
        var link = items[4].QuerySelector("a.finding-run")!;
        Assert.Equal($"/runs/{overfit.RunId}", link.GetAttribute("href"));
        Assert.Equal("overfit", link.TextContent.Trim());
        Assert.Equal([bad.RunId, good.RunId], items[3].QuerySelectorAll("a.finding-run").Select(a => a.GetAttribute("data-run-id")));
    }

    [Fact]
    public async Task ParetoChart_TwoLosses_FrontConnectedInXOrderAndDominatedRunFaded()
    {
        var (good, bad, overfit) = await ThreeRunsAsync();

        var page = Compare(good.RunId, bad.RunId, overfit.RunId);

        var (front, others) = ParetoTraces(page);
        Assert.Equal("Pareto front", front.Name);
        // Sorted by train loss: overfit (0.0583, 0.3) then good (0.1167, 0.22).
        Assert.Equal(["overfit", "good"], front.TextArray);
        Assert.Equal([overfit.RunId, good.RunId], front.CustomData.Cast<string>());
        Assert.Equal(0.5 / Steps + 0.05, (double)front.X[0], 9);
        Assert.Equal(0.3, (double)front.Y[0], 9);
        Assert.True(front.Mode!.Value.HasFlag(Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines), "the front is connected");
        Assert.False(others.Mode!.Value.HasFlag(Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines), "dominated runs are points only");
        Assert.Equal(["bad"], others.TextArray);
        Assert.True(others.Opacity < 1);
        Assert.Equal("train_loss", page.Find("#pareto-x").GetAttribute("value"));
        Assert.Equal("val_loss", page.Find("#pareto-y").GetAttribute("value"));
    }

    [Fact]
    public async Task ParetoChart_PickingYsMetricForX_SwapsTheAxes()
    {
        var (good, bad, overfit) = await ThreeRunsAsync();
        var page = Compare(good.RunId, bad.RunId, overfit.RunId);

        MudSelects.Choose(_popovers, page.Find("#pareto-x"), "val_loss");

        page.WaitForAssertion(() =>
        {
            var (front, _) = ParetoTraces(page);
            // Now sorted by validation loss: good (0.22) before overfit (0.3).
            Assert.Equal(["good", "overfit"], front.TextArray);
            Assert.Equal(0.22, (double)front.X[0], 9);
        }, Patience);
        Assert.Equal("val_loss", page.Find("#pareto-x").GetAttribute("value"));
        Assert.Equal("train_loss", page.Find("#pareto-y").GetAttribute("value"));
    }

    [Fact]
    public async Task Recommendations_RunningRunStartsOverfitting_FindingAppearsLive()
    {
        var steady = await Client.StartRunAsync("live-overfit", "steady");
        var running = await Client.StartRunAsync("live-overfit", "running");
        await ServerBackedContext.LogAsync(steady, Range(0, Steps), ("train_loss", s => 1.0 / (s + 1)), ("val_loss", s => 1.2 / (s + 1) + 0.2));
        await steady.EndAsync();
        await ServerBackedContext.LogAsync(running, Range(0, Turn + 1), ("train_loss", s => 0.5 / (s + 1)), ("val_loss", Overfitting));
        var page = Compare(steady.RunId, running.RunId);
        Assert.DoesNotContain(page.FindAll("#compare-recommendations li"), i => i.GetAttribute("data-kind") == "overfitting");

        await ServerBackedContext.LogAsync(running, Range(Turn + 1, Steps), ("train_loss", s => 0.5 / (s + 1)), ("val_loss", Overfitting));

        page.WaitForAssertion(() =>
        {
            var finding = page.FindAll("#compare-recommendations li").Single(i => i.GetAttribute("data-kind") == "overfitting");
            Assert.StartsWith("running overfits from step", Text(finding));
        }, Patience);
    }

    [Fact]
    public async Task ParetoChart_OneMetricSelected_HintInsteadOfChart()
    {
        var (good, bad, overfit) = await ThreeRunsAsync();
        var page = Compare(good.RunId, bad.RunId, overfit.RunId);

        MudSelects.Choose(_popovers, page.Find("#metric-picker"), "val_loss");

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#pareto-hint")), Patience);
        Assert.DoesNotContain(page.FindComponents<PlotlyChart>(), c => c.Instance.Id == "compare-pareto-chart");
        Assert.Equal(["best-run", "overfitting"], page.FindAll("#compare-recommendations li").Select(i => i.GetAttribute("data-kind")));
    }

    private static IEnumerable<long> Range(int from, int to) => Enumerable.Range(from, to - from).Select(s => (long)s);

    /// <summary>
    /// "good" has the lowest validation loss; "overfit" the lowest training loss, its validation loss turning up at
    /// step <see cref="Turn"/>; "bad" is worse than both on both (all three finished).
    /// </summary>
    private async Task<(FinSight.Client.FinSightRun Good, FinSight.Client.FinSightRun Bad, FinSight.Client.FinSightRun Overfit)> ThreeRunsAsync()
    {
        var good = await Client.StartRunAsync("rec", "good");
        var bad = await Client.StartRunAsync("rec", "bad");
        var overfit = await Client.StartRunAsync("rec", "overfit");
        var steps = Range(0, Steps).ToList();
        await ServerBackedContext.LogAsync(good, steps, ("train_loss", s => 1.0 / (s + 1) + 0.1), ("val_loss", s => 1.2 / (s + 1) + 0.2));
        await ServerBackedContext.LogAsync(bad, steps, ("train_loss", s => 2.0 / (s + 1) + 0.2), ("val_loss", s => 2.4 / (s + 1) + 0.4));
        await ServerBackedContext.LogAsync(overfit, steps, ("train_loss", s => 0.5 / (s + 1) + 0.05), ("val_loss", Overfitting));
        await good.EndAsync();
        await bad.EndAsync();
        await overfit.EndAsync();
        return (good, bad, overfit);
    }

    private static (Scatter Front, Scatter Others) ParetoTraces(IRenderedComponent<ComparePage> page)
    {
        var traces = page.FindComponents<PlotlyChart>().Single(c => c.Instance.Id == "compare-pareto-chart").Instance.Data.Cast<Scatter>().ToList();
        return (traces[0], traces[1]);
    }

    /// <summary>An item's text with runs of whitespace (between links and text) read as one space.</summary>
    private static string Text(AngleSharp.Dom.IElement item) => Whitespace().Replace(item.TextContent, " ").Trim();

    private IRenderedComponent<ComparePage> Compare(params string[] runIds)
    {
        Ctx.Context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>()
            .NavigateTo($"/compare?runIds={Uri.EscapeDataString(string.Join(',', runIds))}");
        return Ctx.Context.Render<ComparePage>();
    }

    [GeneratedRegex(@"overfits from step (\d+)")]
    private static partial Regex OverfitsFrom();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
