using System.Globalization;
using System.Text.Json;
using FinSight.Core.Storage;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Live;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Interop;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace FinSight.Dashboard.Components.Charts;

/// <summary>
/// A live chart of one or more metrics of a run. History comes from the database downsampled on the
/// server (min and max per bucket, so no spike is hidden); live points are appended with Plotly's extend,
/// at most once per notify interval for the whole chart, never by re-rendering the figure. Zooming
/// re-queries the visible step range at full resolution; pausing freezes the view while ingestion goes on.
/// Each key has two traces: the raw curve (faded when smoothing is on) and its EMA.
/// </summary>
public sealed partial class MetricChart : ComponentBase, IDisposable
{
    /// <summary>About two points (a bucket's min and max) per pixel column of a full-width chart.</summary>
    public const int HistoryPoints = 2000;

    /// <summary>Live points appended before the history is reloaded downsampled, which bounds the browser's memory.</summary>
    public const int LiveWindow = 5000;

    private static readonly string[] Palette = ["#4e9cf5", "#f5a742", "#3ec28f", "#e0607e", "#a78bfa", "#22c3d6", "#d4d45a", "#f08c5a"];

    private readonly Config _config = new() { Responsive = true, DisplayLogo = false };
    private readonly Plotly.Blazor.Layout _layout = ChartTheme.NewLayout();
    private readonly List<ChartSeries> _series = [];
    private readonly List<string> _missingKeys = [];
    // One list for the chart's lifetime: PlotlyChart holds it, and React() redraws from its contents.
    private readonly List<ITrace> _traces = [];
    private PlotlyChart? _chart;
    private IDisposable? _subscription;
    private ChartView _shownView = new();
    private (long From, long To)? _zoom;
    private bool _loaded;
    private bool _eventsSubscribed;

    [Inject] private TrackingReader Reader { get; set; } = default!;

    [Inject] private FinSight.Dashboard.Access.CurrentCaller Caller { get; set; } = default!;
    [Inject] private LiveMetricsStore Live { get; set; } = default!;
    [Inject] private ReadableLiveSeries LiveSeries { get; set; } = default!;

    [Parameter, EditorRequired] public string RunId { get; set; } = "";
    [Parameter, EditorRequired] public IReadOnlyList<string> Keys { get; set; } = [];
    [Parameter, EditorRequired] public string ChartId { get; set; } = "";
    [Parameter] public ChartView View { get; set; } = new();
    /// <summary>Origin of the relative-time axis (the run's start, epoch ms).</summary>
    [Parameter] public long RunStartTime { get; set; }
    [Parameter] public int Height { get; set; } = 340;

    protected override async Task OnInitializedAsync()
    {
        _series.AddRange(Keys.Select(k => new ChartSeries(k)));
        _shownView = View;
        _layout.Height = Height;
        // Subscribe and note the live totals before reading history, so nothing committed in between is
        // missed; points the history already holds are skipped by step when they arrive live.
        _subscription = LiveSeries.Subscribe(Caller.User, RunId, Keys, () => InvokeAsync(AppendLiveAsync));
        await LoadHistoryAsync(null);
        _traces.AddRange(BuildTraces());
        ApplyLayout();
        _loaded = true;
    }

    protected override async Task OnParametersSetAsync()
    {
        if (!_loaded || View == _shownView) return;
        var resumed = _shownView.Paused && !View.Paused;
        _shownView = View;
        try
        {
            // Points that arrived while paused may have left the live buffer: the database has them all.
            if (resumed) await LoadHistoryAsync(_zoom);
            await RedrawAsync();
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    }

    private async Task LoadHistoryAsync((long From, long To)? range)
    {
        _missingKeys.Clear();
        foreach (var series in _series)
        {
            series.Seen = Live.TotalAppended(RunId, series.Key);
            try
            {
                var history = await Reader.GetMetricHistoryAsync(Caller.User, RunId, series.Key, range?.From, range?.To, HistoryPoints);
                series.Load(history.Points.Select(p => new MetricPoint(p.Step, p.Timestamp, p.Value)));
            }
            catch (TrackingException e) when (e.Kind == TrackingErrorKind.NotFound)
            {
                series.Load([]); // nothing logged under this key yet; live points will start the curve
                _missingKeys.Add(series.Key);
            }
            catch (TrackingException e) when (e.Kind == TrackingErrorKind.Forbidden)
            {
                // Access taken away (a zoom or resume after the change): show nothing more and stop following the run,
                // rather than ending the whole page; the page itself says why at its next update.
                series.Load([]);
                _subscription?.Dispose();
            }
        }
    }

    private async Task AppendLiveAsync()
    {
        // Until Plotly has drawn the chart (its AfterRender), extending it fails in the browser; the points wait
        // in the live store and SubscribeEvents appends them once the chart exists.
        if (_chart is null || !_plotted || _shownView.Paused || _zoom is not null) return;
        try
        {
            var xs = new List<IEnumerable<object>>();
            var ys = new List<IEnumerable<object>>();
            var indices = new List<int>();
            var reload = false;
            for (var i = 0; i < _series.Count; i++)
            {
                var series = _series[i];
                var (points, total) = Live.ReadSince(RunId, series.Key, series.Seen);
                series.Seen = total;
                var fresh = series.AppendLive(points);
                if (fresh.Length == 0) continue;
                if (series.LiveAppended > LiveWindow) reload = true;
                var x = fresh.Select(XOf).ToArray();
                xs.Add(x);
                ys.Add(fresh.Select(p => ChartTheme.Plottable(p.Value)).ToArray()!); // null is a gap for Plotly
                indices.Add(2 * i);
                xs.Add(x);
                ys.Add(series.SmoothNext(fresh, _shownView.Smoothing > 0 ? _shownView.Smoothing : 0).Select(ChartTheme.Plottable).ToArray()!);
                indices.Add(2 * i + 1);
            }
            if (indices.Count == 0) return;
            if (reload || _missingKeys.Count > 0)
            {
                // The first point of a key, or a long live tail: redraw once from a fresh downsampled history.
                await LoadHistoryAsync(null);
                await RedrawAsync();
                StateHasChanged();
                return;
            }
            await _chart.ExtendTraces(xs, ys, indices, HistoryPoints + LiveWindow);
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    }

    // PlotlyChart calls this after its first render (an Action, hence the fire-and-forget into the dispatcher).
    private bool _plotted;

    private void SubscribeEvents() => _ = InvokeAsync(async () =>
    {
        try
        {
            if (_chart is null || _eventsSubscribed) return;
            _eventsSubscribed = true;
            await _chart.SubscribeRelayoutEvent();
            _plotted = true;
            await AppendLiveAsync(); // what arrived while the chart was being drawn
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    });

    private void OnRelayout(RelayoutEventData data) => _ = InvokeAsync(() => OnRelayoutAsync(data));

    /// <summary>Box zoom re-reads the visible steps at full resolution; double-click (autorange) returns to the whole run.</summary>
    private async Task OnRelayoutAsync(RelayoutEventData data)
    {
        try
        {
            if (data.RawData is { } raw && IsAutorange(raw))
            {
                if (_zoom is null) return;
                _zoom = null;
                await LoadHistoryAsync(null);
                await RedrawAsync();
                return;
            }
            if (data.XRange is not { Length: 2 } range || StepRange(range[0], range[1]) is not { } steps) return;
            _zoom = steps;
            await LoadHistoryAsync(steps);
            await RedrawAsync(range);
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    }

    private async Task RedrawAsync(object[]? xRange = null)
    {
        _traces.Clear();
        _traces.AddRange(BuildTraces());
        ApplyLayout(xRange);
        if (_chart is null) return;
        await _chart.React();
    }

    private List<ITrace> BuildTraces()
    {
        var smoothing = _shownView.Smoothing;
        var traces = new List<ITrace>(_series.Count * 2);
        for (var i = 0; i < _series.Count; i++)
        {
            var series = _series[i];
            var color = Palette[i % Palette.Length];
            var x = series.Points.Select(XOf).ToList();
            traces.Add(new Scatter
            {
                Name = series.Key,
                Mode = ModeFlag.Lines,
                X = x,
                Y = series.Points.Select(p => ChartTheme.Plottable(p.Value)).ToList(),
                Line = new Line { Color = color, Width = smoothing > 0 ? 1 : 1.6m },
                Opacity = smoothing > 0 ? 0.25m : 1m,
                ShowLegend = smoothing <= 0,
                LegendGroup = series.Key,
            });
            traces.Add(new Scatter
            {
                Name = series.Key + " (smoothed)",
                Mode = ModeFlag.Lines,
                X = x,
                Y = series.SmoothAll(smoothing).Select(ChartTheme.Plottable).ToList(),
                Line = new Line { Color = color, Width = 2 },
                Visible = smoothing > 0 ? VisibleEnum.True : VisibleEnum.False,
                LegendGroup = series.Key,
            });
        }
        return traces;
    }

    private void ApplyLayout(object[]? xRange = null)
    {
        var xAxis = _layout.XAxis[0];
        xAxis.Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title
        {
            Text = _shownView.XAxis switch
            {
                XAxisMode.WallTime => "wall time (UTC)",
                XAxisMode.RelativeTime => "relative time (s)",
                _ => "step",
            },
        };
        xAxis.Type = _shownView.XAxis == XAxisMode.WallTime ? Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date : Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Linear;
        xAxis.Range = xRange is null ? null : [.. xRange];
        xAxis.AutoRange = xRange is null ? Plotly.Blazor.LayoutLib.XAxisLib.AutoRangeEnum.True : Plotly.Blazor.LayoutLib.XAxisLib.AutoRangeEnum.False;
        _layout.YAxis[0].Type = _shownView.LogY ? Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Log : Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Linear;
    }

    private object XOf(MetricPoint p) => _shownView.XAxis switch
    {
        XAxisMode.WallTime => DateTimeOffset.FromUnixTimeMilliseconds(p.Timestamp).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
        XAxisMode.RelativeTime => (p.Timestamp - RunStartTime) / 1000.0,
        _ => p.Step,
    };

    /// <summary>The steps whose points lie in a visible x range, whatever the x axis measures.</summary>
    private (long From, long To)? StepRange(object low, object high)
    {
        if (_shownView.XAxis == XAxisMode.Step)
        {
            if (!TryNumber(low, out var lo) || !TryNumber(high, out var hi)) return null;
            return ((long)Math.Floor(lo), (long)Math.Ceiling(hi));
        }
        var inside = _series.SelectMany(s => s.Points).Where(p => IsInside(XOf(p), low, high)).Select(p => p.Step).ToList();
        return inside.Count == 0 ? null : (inside.Min(), inside.Max());
    }

    private bool IsInside(object x, object low, object high)
    {
        if (x is string date)
        {
            var (lo, hi) = (TextOf(low), TextOf(high));
            return string.CompareOrdinal(date, lo) >= 0 && string.CompareOrdinal(date, hi) <= 0;
        }
        return TryNumber(low, out var l) && TryNumber(high, out var h) && Convert.ToDouble(x, CultureInfo.InvariantCulture) is var v && v >= l && v <= h;
    }

    private static string TextOf(object value) => value is JsonElement { ValueKind: JsonValueKind.String } e ? e.GetString()! : value.ToString() ?? "";

    private static bool TryNumber(object value, out double number)
    {
        switch (value)
        {
            case JsonElement { ValueKind: JsonValueKind.Number } e: number = e.GetDouble(); return true;
            case IConvertible c when value is not string: number = c.ToDouble(CultureInfo.InvariantCulture); return true;
            default: return double.TryParse(TextOf(value), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
        }
    }

    private static bool IsAutorange(IDictionary<string, JsonElement> raw) =>
        raw.TryGetValue("xaxis.autorange", out var value) && value.ValueKind == JsonValueKind.True;

    public void Dispose() => _subscription?.Dispose();
}
