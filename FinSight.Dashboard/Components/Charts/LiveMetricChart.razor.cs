using FinSight.Dashboard.Data;
using FinSight.Dashboard.Live;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace FinSight.Dashboard.Components.Charts;

/// <summary>
/// One chart with a line per metric key of a run: history from the database first, then live points
/// from <see cref="LiveMetricsStore"/> appended with Plotly's extend (a bounded rolling window), never
/// a full re-render.
/// </summary>
public sealed partial class LiveMetricChart : ComponentBase, IDisposable
{
    private const int HistoryPoints = 1000;
    private const int RollingWindow = 5000;

    private readonly List<IDisposable> _subscriptions = [];
    private PlotlyChart? _chart;
    private IList<ITrace> _traces = [];
    private readonly Plotly.Blazor.Layout _layout = new()
    {
        PaperBgColor = "rgba(0,0,0,0)",
        PlotBgColor = "rgba(0,0,0,0)",
        Font = new Plotly.Blazor.LayoutLib.Font { Color = "#ccc" },
        XAxis = [new Plotly.Blazor.LayoutLib.XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = "step" }, GridColor = "#3a3a46" }],
        YAxis = [new Plotly.Blazor.LayoutLib.YAxis { GridColor = "#3a3a46" }],
        Margin = new Plotly.Blazor.LayoutLib.Margin { L = 50, R = 20, T = 20, B = 40 },
        Height = 360,
    };
    private readonly Config _config = new() { Responsive = true, DisplayLogo = false };
    private long[] _lastStep = [];
    private long[] _seen = [];

    [Inject] private TrackingReader Reader { get; set; } = default!;
    [Inject] private LiveMetricsStore Live { get; set; } = default!;

    [Parameter, EditorRequired] public string RunId { get; set; } = "";
    [Parameter, EditorRequired] public IReadOnlyList<string> Keys { get; set; } = [];
    [Parameter, EditorRequired] public string ChartId { get; set; } = "";

    protected override async Task OnInitializedAsync()
    {
        _lastStep = new long[Keys.Count];
        _seen = new long[Keys.Count];
        var traces = new List<ITrace>();
        for (var i = 0; i < Keys.Count; i++)
        {
            var index = i;
            // Subscribe and note the live total before reading history, so nothing committed in between is missed;
            // points the history already holds are skipped by step when they arrive live.
            _subscriptions.Add(Live.SubscribeSeries(RunId, Keys[i], () => InvokeAsync(() => AppendLiveAsync(index))));
            _seen[i] = Live.TotalAppended(RunId, Keys[i]);
            var points = await HistoryAsync(Keys[i]);
            _lastStep[i] = points.Count > 0 ? points[^1].Step : long.MinValue;
            traces.Add(new Scatter
            {
                Name = Keys[i],
                Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines,
                X = points.Select(p => (object)p.Step).ToList(),
                Y = points.Select(p => (object)p.Value).ToList(),
            });
        }
        _traces = traces;
    }

    private async Task<IReadOnlyList<Core.Contracts.MetricPointOutput>> HistoryAsync(string key)
    {
        try
        {
            return (await Reader.GetMetricHistoryAsync(RunId, key, null, null, HistoryPoints)).Points;
        }
        catch (Core.Tracking.TrackingException)
        {
            return []; // no point logged for this key yet
        }
    }

    private async Task AppendLiveAsync(int index)
    {
        if (_chart is null) return;
        var (points, total) = Live.ReadSince(RunId, Keys[index], _seen[index]);
        _seen[index] = total;
        var fresh = points.Where(p => p.Step > _lastStep[index]).ToArray();
        if (fresh.Length == 0) return;
        _lastStep[index] = fresh[^1].Step;
        try
        {
            await _chart.ExtendTrace(fresh.Select(p => (object)p.Step), fresh.Select(p => (object)p.Value), index, RollingWindow);
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions) subscription.Dispose();
    }
}
