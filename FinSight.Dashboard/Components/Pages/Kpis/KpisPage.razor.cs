using System.Globalization;
using FinSight.Core.Analysis.Kpis;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Components.Shared;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Live;
using Microsoft.AspNetCore.Components;

namespace FinSight.Dashboard.Components.Pages.Kpis;

/// <summary>
/// Team KPIs for the last 7, 30 or 90 days over the experiments the caller can read: experiments and runs, success
/// rate, training time, a chosen metric's best and average, GPU-hours, runs per day, success per week and the
/// experiments that improved most. Re-read when runs start or end, at most every few seconds: the KPIs aggregate
/// every run of the window, which is too much work to repeat each time a run changes.
/// </summary>
public sealed partial class KpisPage : ComponentBase, IDisposable
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    private readonly SubscriptionBag _subscriptions = new();
    private ThrottledCallback? _refresh;
    private int _days = KpiWindow.DefaultDays;
    private TeamKpis? _kpis;
    private MetricKpis? _metric;
    private string? _metricKey;
    private int _loads;

    /// <summary>The window's length in days (7, 30 or 90), so a window can be bookmarked; 30 otherwise.</summary>
    [SupplyParameterFromQuery(Name = "days")] public int? Days { get; set; }

    [Inject] private KpiReader Reader { get; set; } = default!;
    [Inject] private CurrentCaller Caller { get; set; } = default!;
    [Inject] private LiveMetricsStore Live { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _days = KpiWindow.Length(Days);
        await LoadAsync();
        _refresh = new ThrottledCallback(() => InvokeAsync(async () =>
        {
            try
            {
                await LoadAsync();
                StateHasChanged();
            }
            catch (Exception e)
            {
                await DispatchExceptionAsync(e);
            }
        }), RefreshInterval, Time);
        _subscriptions.Add(Live.SubscribeRunChanges(() =>
        {
            _refresh.Signal();
            return Task.CompletedTask;
        }));
    }

    private async Task ChooseWindowAsync(int days)
    {
        _days = days;
        await LoadAsync();
    }

    /// <summary>Reads the window ending now; the chosen metric stays while the window's runs still logged it.</summary>
    private async Task LoadAsync()
    {
        var load = ++_loads;
        var window = KpiWindow.Ending(Time.GetUtcNow(), _days);
        var kpis = await Reader.SummaryAsync(Caller.User, window);
        var key = _metricKey is not null && kpis.MetricKeys.Contains(_metricKey) ? _metricKey : KpiMetricChoice.Default(kpis.MetricKeys);
        var metric = key is null ? null : await Reader.MetricAsync(Caller.User, window, key);
        // A later load (another window chosen meanwhile) wins over one that finishes after it.
        if (load != _loads) return;
        (_kpis, _metricKey, _metric) = (kpis, key, metric);
    }

    private async Task OnMetricChangedAsync(string key)
    {
        if (_kpis is not { } kpis) return;
        _metricKey = key;
        var load = ++_loads;
        var metric = await Reader.MetricAsync(Caller.User, kpis.Window, key);
        if (load == _loads) _metric = metric;
    }

    private static string Count(int count) => count.ToString("N0", CultureInfo.InvariantCulture);

    private static string Count(int count, string noun) => $"{Count(count)} {noun}{(count == 1 ? "" : "s")}";

    private static string Percent(double? fraction) =>
        fraction is { } f ? (f * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "—";

    private static string SignedPercent(double fraction) =>
        (fraction * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " %";

    private static string Number(double? value) => value is { } v ? Display.Number(v) : "—";

    private static string Duration(TimeSpan? duration) => duration is { } d ? Display.Duration(d) : "—";

    private static string SuccessNote(RunOutcomes runs) => runs.Ended == 0
        ? $"no run has ended yet; {Count(runs.Unfinished)} running"
        : $"{Count(runs.Finished)} of {Count(runs.Ended, "ended run")} finished ({Count(runs.Failed)} failed, {Count(runs.Killed)} killed); {Count(runs.Unfinished)} running";

    private static string DurationNote(DurationSummary? durations) =>
        durations is null ? "no run has ended yet" : $"end − start of {Count(durations.Count, "ended run")}";

    public void Dispose()
    {
        _subscriptions.Dispose();
        _refresh?.Dispose();
    }
}
