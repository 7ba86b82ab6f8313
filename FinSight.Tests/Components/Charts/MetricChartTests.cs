using Bunit;
using FinSight.Core.Analysis;
using FinSight.Core.Storage;
using FinSight.Dashboard.Components.Charts;
using FinSight.Dashboard.Configuration;
using FinSight.Dashboard.Live;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Xunit;

namespace FinSight.Tests.Components.Charts;

/// <summary>The live metric chart over a real server: history, live extends, coalescing, options, pause, disposal.</summary>
public sealed class MetricChartTests : ServerBackedTest
{
    private IRenderedComponent<MetricChart> RenderChart(string runId, ChartView? view = null, params string[] keys) =>
        Ctx.Context.Render<MetricChart>(p => p
            .Add(c => c.RunId, runId)
            .Add(c => c.Keys, keys)
            .Add(c => c.ChartId, "chart-" + keys[0])
            .Add(c => c.View, view ?? new ChartView()));

    private static Scatter Trace(IRenderedComponent<MetricChart> chart, int index) =>
        (Scatter)chart.FindComponent<PlotlyChart>().Instance.Data[index];

    private int ExtendCalls() => Ctx.Context.JSInterop.Invocations.Count(i => i.Identifier == "extendTraces");

    private int ReactCalls() => Ctx.Context.JSInterop.Invocations.Count(i => i.Identifier == "react");

    [Fact]
    public async Task MetricChart_RunWithHistory_DrawsRawAndSmoothedTracePerKeyWithTheStoredPoints()
    {
        await using var client = Ctx.NewClient();
        var run = await client.StartRunAsync("charts", "history");
        await ServerBackedContext.LogAsync(run, Enumerable.Range(0, 10).Select(i => (long)i), ("train_loss", s => 1.0 / (s + 1)), ("val_loss", s => 2.0 / (s + 1)));

        var chart = RenderChart(run.RunId, null, "train_loss", "val_loss");

        chart.WaitForAssertion(() => Assert.Equal(4, chart.FindComponent<PlotlyChart>().Instance.Data.Count));
        Assert.Equal("chart-train_loss", chart.FindComponent<PlotlyChart>().Instance.Id);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (object)(long)i), Trace(chart, 0).X);
        Assert.Equal(2.0 / 10, (double)Trace(chart, 2).Y[^1]);
        Assert.Equal("val_loss", Trace(chart, 2).Name);
    }

    [Fact]
    public async Task MetricChart_PointsArrive_AreAppendedWithExtendNotARedraw()
    {
        await using var client = Ctx.NewClient();
        var run = await client.StartRunAsync("charts", "live");
        await ServerBackedContext.LogAsync(run, [0, 1, 2], ("train_loss", s => 1.0 / (s + 1)));
        var chart = RenderChart(run.RunId, null, "train_loss");
        chart.WaitForState(() => chart.FindComponent<PlotlyChart>().Instance.Data.Count == 2);
        var reactsBefore = ReactCalls();

        await ServerBackedContext.LogAsync(run, [3, 4, 5], ("train_loss", s => 1.0 / (s + 1)));

        await Eventually.AssertAsync(() =>
        {
            var extend = Ctx.Context.JSInterop.Invocations.Last(i => i.Identifier == "extendTraces");
            Assert.Equal("chart-train_loss", extend.Arguments[0]);
            var xs = Assert.IsAssignableFrom<IEnumerable<IEnumerable<object>>>(extend.Arguments[1]).ToList();
            Assert.Equal([3L, 4L, 5L], xs[0].Cast<long>());
        });
        Assert.Equal(reactsBefore, ReactCalls());
    }

    [Fact]
    public async Task MetricChart_ManyAppendsWithinOneInterval_CoalescedIntoOneExtendPerInterval()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var live = new LiveMetricsStore(Options.Create(new LiveOptions()), time);
        await using var ctx = await ServerBackedContext.StartAsync(live);
        await using var client = ctx.NewClient();
        var run = await client.StartRunAsync("charts", "coalesced");
        await ServerBackedContext.LogAsync(run, [0], ("train_loss", _ => 1.0));
        var chart = ctx.Context.Render<MetricChart>(p => p.Add(c => c.RunId, run.RunId).Add(c => c.Keys, ["train_loss"]).Add(c => c.ChartId, "chart-train_loss"));
        chart.WaitForState(() => chart.FindComponent<PlotlyChart>().Instance.Data.Count == 2);
        int Extends() => ctx.Context.JSInterop.Invocations.Count(i => i.Identifier == "extendTraces");

        live.Append(run.RunId, "train_loss", [new MetricPoint(1, 0, 0.9)]);
        await Eventually.AssertAsync(() => Assert.Equal(1, Extends()));
        for (var step = 2; step < 102; step++) live.Append(run.RunId, "train_loss", [new MetricPoint(step, 0, 1.0 / step)]);
        await Task.Delay(300); // real time passes, the fake clock does not: nothing may fire
        Assert.Equal(1, Extends());

        time.Advance(TimeSpan.FromMilliseconds(250));

        await Eventually.AssertAsync(() => Assert.Equal(2, Extends()));
        var last = ctx.Context.JSInterop.Invocations.Last(i => i.Identifier == "extendTraces");
        Assert.Equal(100, ((IEnumerable<IEnumerable<object>>)last.Arguments[1]!).First().Count());
    }

    [Fact]
    public async Task MetricChart_LogScaleAndSmoothing_ChangeLayoutAndAddAFadedRawCurve()
    {
        await using var client = Ctx.NewClient();
        var run = await client.StartRunAsync("charts", "options");
        var values = new[] { 1.0, 3.0, 2.0, 5.0, 4.0 };
        await ServerBackedContext.LogAsync(run, Enumerable.Range(0, values.Length).Select(i => (long)i), ("train_loss", s => values[s]));
        var chart = RenderChart(run.RunId, null, "train_loss");
        chart.WaitForState(() => chart.FindComponent<PlotlyChart>().Instance.Data.Count == 2);

        chart.Render(p => p.Add(c => c.View, new ChartView(LogY: true, Smoothing: 0.6)));

        chart.WaitForAssertion(() => Assert.Equal(0.25m, Trace(chart, 0).Opacity));
        var layout = chart.FindComponent<PlotlyChart>().Instance.Layout;
        Assert.Equal(Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Log, layout.YAxis[0].Type);
        Assert.Equal(Plotly.Blazor.Traces.ScatterLib.VisibleEnum.True, Trace(chart, 1).Visible);
        Assert.Equal(ExponentialSmoothing.Smooth(values, 0.6), Trace(chart, 1).Y.Cast<double>());
        Assert.True(ReactCalls() > 0);
    }

    [Fact]
    public async Task MetricChart_WallAndRelativeTime_PutTimesOnTheXAxis()
    {
        await using var client = Ctx.NewClient();
        var run = await client.StartRunAsync("charts", "time-axis");
        await ServerBackedContext.LogAsync(run, [0, 1], ("train_loss", s => s));
        var details = await Ctx.Server.GetJsonAsync<FinSight.Core.Contracts.RunDetails>($"api/v1/runs/{run.RunId}");
        var chart = Ctx.Context.Render<MetricChart>(p => p.Add(c => c.RunId, run.RunId).Add(c => c.Keys, ["train_loss"])
            .Add(c => c.ChartId, "chart-train_loss").Add(c => c.RunStartTime, details.Info.StartTime));
        chart.WaitForState(() => chart.FindComponent<PlotlyChart>().Instance.Data.Count == 2);

        chart.Render(p => p.Add(c => c.View, new ChartView(XAxis: XAxisMode.WallTime)));
        chart.WaitForAssertion(() => Assert.IsType<string>(Trace(chart, 0).X[0]));
        Assert.Equal("wall time (UTC)", chart.FindComponent<PlotlyChart>().Instance.Layout.XAxis[0].Title.Text);

        chart.Render(p => p.Add(c => c.View, new ChartView(XAxis: XAxisMode.RelativeTime)));
        chart.WaitForAssertion(() => Assert.IsType<double>(Trace(chart, 0).X[0]));
        Assert.InRange((double)Trace(chart, 0).X[0], 0, 60);
    }

    [Fact]
    public async Task MetricChart_Paused_FreezesTheViewAndCatchesUpFromTheDatabaseOnResume()
    {
        await using var client = Ctx.NewClient();
        var run = await client.StartRunAsync("charts", "paused");
        await ServerBackedContext.LogAsync(run, [0, 1], ("train_loss", s => s));
        var chart = RenderChart(run.RunId, null, "train_loss");
        chart.WaitForState(() => chart.FindComponent<PlotlyChart>().Instance.Data.Count == 2);
        chart.Render(p => p.Add(c => c.View, new ChartView(Paused: true)));

        await ServerBackedContext.LogAsync(run, [2, 3, 4], ("train_loss", s => s));
        await Task.Delay(600); // more than two notify intervals: a live chart would have extended by now

        Assert.Equal(0, ExtendCalls());
        Assert.Equal(2, Trace(chart, 0).X.Count);
        chart.Render(p => p.Add(c => c.View, new ChartView(Paused: false)));
        chart.WaitForAssertion(() => Assert.Equal(5, Trace(chart, 0).X.Count));
    }

    [Fact]
    public async Task MetricChart_KeyNotLoggedYet_SaysSoAndStartsTheCurveWithTheFirstPoint()
    {
        await using var client = Ctx.NewClient();
        var run = await client.StartRunAsync("charts", "empty");
        var chart = RenderChart(run.RunId, null, "train_loss");
        chart.WaitForAssertion(() => Assert.Contains("No points for train_loss yet", chart.Markup));

        await ServerBackedContext.LogAsync(run, [0, 1, 2], ("train_loss", s => s));

        chart.WaitForAssertion(() => Assert.Equal(3, Trace(chart, 0).X.Count), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("No points for", chart.Markup);
    }

    [Fact]
    public async Task MetricChart_Disposed_ReleasesItsLiveSubscription()
    {
        await using var client = Ctx.NewClient();
        var run = await client.StartRunAsync("charts", "disposed");
        var before = Ctx.Live.ActiveSubscriptions;
        var chart = RenderChart(run.RunId, null, "train_loss", "val_loss");
        chart.WaitForState(() => Ctx.Live.ActiveSubscriptions > before);

        chart.Instance.Dispose();

        Assert.Equal(before, Ctx.Live.ActiveSubscriptions);
    }

    [Fact]
    public async Task MetricChart_ZoomedIn_RequeriesTheVisibleStepsAtFullResolutionAndDoubleClickReturns()
    {
        await using var client = Ctx.NewClient();
        var run = await client.StartRunAsync("charts", "zoom");
        await ServerBackedContext.LogAsync(run, Enumerable.Range(0, 6000).Select(i => (long)i), ("train_loss", s => s == 150 ? 99 : Math.Sin(s)));
        var chart = RenderChart(run.RunId, null, "train_loss");
        chart.WaitForState(() => chart.FindComponent<PlotlyChart>().Instance.Data.Count == 2);
        Assert.InRange(Trace(chart, 0).X.Count, 100, MetricChart.HistoryPoints);
        Assert.Contains(99.0, Trace(chart, 0).Y.Cast<double>()); // the spike survives downsampling
        var plotly = chart.FindComponent<PlotlyChart>().Instance;

        await chart.InvokeAsync(() => plotly.RelayoutEvent(new Plotly.Blazor.Interop.RelayoutEventData { XRange = [100.4, 200.6] }));

        // whole steps covering the visible range, so the line reaches both edges
        await Eventually.AssertAsync(() => Assert.Equal(Enumerable.Range(100, 102).Select(i => (object)(long)i), Trace(chart, 0).X));
        Assert.Equal(99.0, (double)Trace(chart, 0).Y[50]);

        var autorange = System.Text.Json.JsonDocument.Parse("{\"xaxis.autorange\": true}").RootElement;
        await chart.InvokeAsync(() => plotly.RelayoutEvent(new Plotly.Blazor.Interop.RelayoutEventData
        {
            RawData = new Dictionary<string, System.Text.Json.JsonElement> { ["xaxis.autorange"] = autorange.GetProperty("xaxis.autorange") },
        }));

        await Eventually.AssertAsync(() => Assert.Equal(5999L, (long)Trace(chart, 0).X[^1]));
        Assert.Equal(0L, (long)Trace(chart, 0).X[0]);
    }

    [Fact]
    public async Task MetricChart_NaNAndInfinity_DrawnAsGapsNotAnError()
    {
        await using var client = Ctx.NewClient();
        var run = await client.StartRunAsync("charts", "diverged");
        var values = new[] { 1.0, double.NaN, double.PositiveInfinity, 0.5 };
        await ServerBackedContext.LogAsync(run, [0, 1, 2, 3], ("train_loss", s => values[s]));

        var chart = RenderChart(run.RunId, new ChartView(Smoothing: 0.5), "train_loss");

        chart.WaitForState(() => chart.FindComponent<PlotlyChart>().Instance.Data.Count == 2);
        Assert.Equal([1.0, null, null, 0.5], Trace(chart, 0).Y.Select(v => (double?)v));
        Assert.Null(Trace(chart, 1).Y[1]);
        await ServerBackedContext.LogAsync(run, [4], ("train_loss", _ => double.NegativeInfinity));
        await Eventually.AssertAsync(() =>
        {
            var extend = Ctx.Context.JSInterop.Invocations.Last(i => i.Identifier == "extendTraces");
            Assert.Null(((IEnumerable<IEnumerable<object>>)extend.Arguments[2]!).First().Single());
        });
    }
}
