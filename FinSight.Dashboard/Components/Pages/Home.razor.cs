using FinSight.Dashboard.Access;
using FinSight.Core.Analysis;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Demo;
using FinSight.Dashboard.Live;
using Microsoft.AspNetCore.Components;

namespace FinSight.Dashboard.Components.Pages;

/// <summary>
/// The overview: counts by status, active runs with live sparklines of their main loss, recently ended
/// runs, the newest running run's loss chart, and top runs by a chosen metric. Lists refresh when a run
/// starts or ends, never per point; sparklines and the chart follow their own series.
/// </summary>
public sealed partial class Home : ComponentBase, IDisposable
{
    private const int ActiveLimit = 20;
    private const int RecentLimit = 10;
    private const int TopLimit = 10;
    private static readonly TimeSpan RankingRefresh = TimeSpan.FromSeconds(3);

    private RunCounts _counts = new(0, 0, 0, 0);
    private IReadOnlyList<RunListItem> _active = [];
    private IReadOnlyList<RunListItem> _recent = [];
    private IReadOnlyDictionary<string, string> _mainMetrics = new Dictionary<string, string>();
    private IReadOnlyDictionary<string, IReadOnlyList<string>> _lossKeys = new Dictionary<string, IReadOnlyList<string>>();
    private IReadOnlyList<string> _metricKeys = [];
    private IReadOnlyList<RankedRun> _top = [];
    private string? _topKey;
    private MetricDirection _topDirection;
    private long _topLoadedAt;
    private RunListItem? _watched;
    private string? _pinnedRunId;
    private bool _startingDemo;
    private string? _error;
    private readonly SubscriptionBag _subscriptions = new();

    [Inject] private OverviewReader Overview { get; set; } = default!;

    [Inject] private FinSight.Dashboard.Access.CurrentCaller Caller { get; set; } = default!;
    [Inject] private TrackingReader Reader { get; set; } = default!;
    [Inject] private LiveMetricsStore Live { get; set; } = default!;
    [Inject] private DemoTrainer Demo { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    private long Now => Time.GetUtcNow().ToUnixTimeMilliseconds();

    protected override async Task OnInitializedAsync()
    {
        await RefreshAsync();
        _subscriptions.Add(Live.SubscribeRunChanges(() => InvokeAsync(async () =>
        {
            try
            {
                await RefreshAsync();
                StateHasChanged();
            }
            catch (Exception e)
            {
                await DispatchExceptionAsync(e);
            }
        })));
        // A run that just started has no metrics yet: its sparkline and chart appear with its first points.
        // Otherwise points only move the ranking and durations, which are refreshed every few seconds.
        _subscriptions.Add(Live.SubscribeOverview(() => InvokeAsync(async () =>
        {
            try
            {
                if (_active.Any(r => !_mainMetrics.ContainsKey(r.Run.RunId))) await RefreshAsync();
                else if (Time.GetElapsedTime(_topLoadedAt) >= RankingRefresh) await LoadTopAsync();
                else return;
                StateHasChanged();
            }
            catch (Exception e)
            {
                await DispatchExceptionAsync(e);
            }
        })));
    }

    private async Task RefreshAsync()
    {
        _counts = await Overview.CountsAsync(Caller.User);
        _active = await Overview.ActiveRunsAsync(Caller.User, ActiveLimit);
        _recent = await Overview.RecentlyEndedAsync(Caller.User, RecentLimit);
        _watched = _active.FirstOrDefault(r => r.Run.RunId == _pinnedRunId) ?? _active.FirstOrDefault();
        var runIds = _active.Select(r => r.Run.RunId).ToList();
        _mainMetrics = await Overview.MainMetricsAsync(Caller.User, runIds);
        if (_watched is { } watched)
        {
            var details = await Reader.GetRunAsync(Caller.User, watched.Run.RunId);
            var keys = details.Metrics.Select(m => m.Key).ToList();
            var losses = MetricSelection.LossKeys(keys).Take(4).ToList();
            _lossKeys = new Dictionary<string, IReadOnlyList<string>>
            {
                [watched.Run.RunId] = losses.Count > 0 ? losses : _mainMetrics.TryGetValue(watched.Run.RunId, out var main) ? [main] : [],
            };
        }
        _metricKeys = await Overview.MetricKeysAsync(Caller.User, 200);
        _topKey ??= _metricKeys.FirstOrDefault(k => k.Contains("val", StringComparison.OrdinalIgnoreCase) && k.Contains("loss", StringComparison.OrdinalIgnoreCase))
            ?? _metricKeys.FirstOrDefault();
        await LoadTopAsync();
    }

    private async Task LoadTopAsync()
    {
        if (_topKey is null) return;
        _topDirection = MetricDirections.Infer(_topKey);
        _top = await Overview.TopRunsAsync(Caller.User, _topKey, _topDirection, TopLimit);
        _topLoadedAt = Time.GetTimestamp();
    }

    private async Task OnTopKeyChangedAsync(string key)
    {
        _topKey = key;
        await LoadTopAsync();
    }

    private IReadOnlyList<string> LossKeys(string runId) => _lossKeys.TryGetValue(runId, out var keys) ? keys : [];

    private async Task StartDemoAsync()
    {
        _startingDemo = true;
        _error = null;
        try
        {
            _pinnedRunId = await Demo.StartAsync(Caller.User.UserId() ?? throw new InvalidOperationException("Sign in to start a demo run."));
            await RefreshAsync();
        }
        catch (Exception e)
        {
            _error = $"The demo run could not start: {e.Message}";
        }
        finally
        {
            _startingDemo = false;
        }
    }

    public void Dispose() => _subscriptions.Dispose();
}
