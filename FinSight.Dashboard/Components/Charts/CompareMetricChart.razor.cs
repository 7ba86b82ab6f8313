using FinSight.Core.Tracking;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Live;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace FinSight.Dashboard.Components.Charts;

/// <summary>
/// One metric of several runs, a line per run named by run name: history downsampled on the server,
/// then, for runs still running, live points appended with one Plotly extend for all traces at a time
/// (coalesced by the live store's throttle), never a re-render.
/// </summary>
public sealed partial class CompareMetricChart : ComponentBase, IDisposable
{
    private const int HistoryPoints = 1000;
    private const int RollingWindow = 5000;

    private readonly SubscriptionBag _subscriptions = new();
    private readonly Plotly.Blazor.Layout _layout = ChartTheme.Dark(320, xTitle: "step");
    private readonly Config _config = ChartTheme.Config();
    private PlotlyChart? _chart;
    private IList<ITrace> _traces = [];
    private long[] _lastStep = [];
    private long[] _seen = [];
    private bool _appending;
    private bool _appendAgain;

    [Inject] private TrackingReader Reader { get; set; } = default!;

    [Inject] private FinSight.Dashboard.Access.CurrentCaller Caller { get; set; } = default!;
    [Inject] private LiveMetricsStore Live { get; set; } = default!;
    [Inject] private ReadableLiveSeries LiveSeries { get; set; } = default!;

    [Parameter, EditorRequired] public string Key { get; set; } = "";

    /// <summary>The runs, one trace each in this order. Read once: a new set of runs needs a new chart (use @key).</summary>
    [Parameter, EditorRequired] public IReadOnlyList<CompareRun> Runs { get; set; } = [];

    protected override async Task OnInitializedAsync()
    {
        _lastStep = new long[Runs.Count];
        _seen = new long[Runs.Count];
        var traces = new List<ITrace>(Runs.Count);
        for (var i = 0; i < Runs.Count; i++)
        {
            var run = Runs[i];
            if (run.Running)
            {
                // Subscribe and note the live total before reading history, so nothing committed in between is
                // missed; points the history already holds are skipped by step when they arrive live.
                _subscriptions.Add(LiveSeries.Subscribe(Caller.User, run.RunId, Key, () => InvokeAsync(AppendLiveAsync)));
                _seen[i] = Live.TotalAppended(run.RunId, Key);
            }
            var points = await HistoryAsync(run.RunId);
            _lastStep[i] = points.Count > 0 ? points[^1].Step : long.MinValue;
            traces.Add(new Scatter
            {
                Name = run.Name,
                // A metric logged once (an evaluation, fin/*) is a single point, which a line alone does not draw.
                Mode = points.Count == 1 && !run.Running
                    ? Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines | Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers
                    : Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines,
                X = points.Select(p => (object)p.Step).ToList(),
                Y = points.Select(p => ChartTheme.Plottable(p.Value)!).ToList(),
            });
        }
        _traces = traces;
    }

    private async Task<IReadOnlyList<Core.Contracts.MetricPointOutput>> HistoryAsync(string runId)
    {
        try
        {
            return (await Reader.GetMetricHistoryAsync(Caller.User, runId, Key, null, null, HistoryPoints)).Points;
        }
        catch (TrackingException)
        {
            return []; // this run has not logged the metric (yet): an empty trace keeps the legend honest
        }
    }

    private bool _plotted;

    /// <summary>Plotly has drawn the chart: from now on it can be extended; append what arrived meanwhile.</summary>
    private void OnPlotted() => _ = InvokeAsync(async () =>
    {
        if (_plotted) return;
        _plotted = true;
        try
        {
            await AppendLiveAsync();
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    });

    /// <summary>Reads what every running run committed since the last call and extends all their traces at once.</summary>
    private async Task AppendLiveAsync()
    {
        // Until Plotly has drawn the chart (its AfterRender), extending it fails in the browser.
        if (_chart is null || !_plotted) return;
        // A callback that lands while an extend is awaited is not dropped: the running one reads again after it.
        if (_appending)
        {
            _appendAgain = true;
            return;
        }
        _appending = true;
        try
        {
            do
            {
                _appendAgain = false;
                await AppendOnceAsync(_chart);
            }
            while (_appendAgain);
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
        finally
        {
            _appending = false;
        }
    }

    private async Task AppendOnceAsync(PlotlyChart chart)
    {
        var xs = new List<IEnumerable<object>>();
        var ys = new List<IEnumerable<object>>();
        var indices = new List<int>();
        for (var i = 0; i < Runs.Count; i++)
        {
            if (!Runs[i].Running) continue;
            var (points, total) = Live.ReadSince(Runs[i].RunId, Key, _seen[i]);
            _seen[i] = total;
            var last = _lastStep[i];
            var fresh = points.Where(p => p.Step > last).ToArray();
            if (fresh.Length == 0) continue;
            _lastStep[i] = fresh[^1].Step;
            xs.Add(fresh.Select(p => (object)p.Step).ToList());
            ys.Add(fresh.Select(p => ChartTheme.Plottable(p.Value)!).ToList());
            indices.Add(i);
        }
        if (indices.Count > 0) await chart.ExtendTraces(xs, ys, indices, RollingWindow);
    }

    public void Dispose()
    {
        _subscriptions.Dispose();
    }
}
