using System.Globalization;
using FinSight.Core.Contracts;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Demo;
using FinSight.Dashboard.Live;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FinSight.Dashboard.Components.Pages;

/// <summary>
/// The first page: every recent run with its status and latest metrics, and the loss curve of the
/// run being watched (the newest running one by default) updating live.
/// </summary>
public sealed partial class Home : ComponentBase, IDisposable
{
    private const int RecentRuns = 50;

    private IReadOnlyList<RecentRun> _runs = [];
    private RecentRun? _liveRun;
    private string? _pinnedRunId;
    private bool _startingDemo;
    private string? _error;
    private IDisposable? _subscription;

    [Inject] private TrackingReader Reader { get; set; } = default!;
    [Inject] private LiveMetricsStore Live { get; set; } = default!;
    [Inject] private DemoTrainer Demo { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await RefreshAsync();
        _subscription = Live.SubscribeOverview(() => InvokeAsync(async () =>
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
        }));
    }

    private async Task RefreshAsync()
    {
        var runs = await Reader.RecentRunsAsync(RecentRuns);
        _runs = runs.Select(r => new RecentRun(r.Run, r.ExperimentName, r.Metrics)).ToList();
        _liveRun = _runs.FirstOrDefault(r => r.Run.RunId == _pinnedRunId)
            ?? _runs.FirstOrDefault(r => r.Run.Status == "RUNNING")
            ?? _runs.FirstOrDefault();
    }

    private async Task StartDemoAsync()
    {
        _startingDemo = true;
        _error = null;
        try
        {
            _pinnedRunId = await Demo.StartAsync();
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

    private void Watch(RecentRun run) => (_pinnedRunId, _liveRun) = (run.Run.RunId, run);

    /// <summary>Loss-like keys other than system metrics; train before validation so colours stay stable.</summary>
    private static List<string> LossKeys(RecentRun run) =>
        run.Metrics.Select(m => m.Key)
            .Where(k => k.Contains("loss", StringComparison.OrdinalIgnoreCase) && !k.StartsWith("system/", StringComparison.Ordinal))
            .OrderBy(k => k.StartsWith("val", StringComparison.OrdinalIgnoreCase) ? 1 : 0).ThenBy(k => k, StringComparer.Ordinal)
            .Take(4)
            .ToList();

    private static string LatestMetrics(RecentRun run) =>
        string.Join("  ", run.Metrics.Where(m => !m.Key.StartsWith("system/", StringComparison.Ordinal)).Take(6)
            .Select(m => $"{m.Key}={m.Latest.ToString("G4", CultureInfo.InvariantCulture)}"));

    private static Color StatusColor(string status) => status switch
    {
        "RUNNING" => Color.Info,
        "FINISHED" => Color.Success,
        "FAILED" => Color.Error,
        "KILLED" => Color.Warning,
        _ => Color.Default,
    };

    public void Dispose() => _subscription?.Dispose();

    private sealed record RecentRun(RunInfo Run, string ExperimentName, IReadOnlyList<MetricSummary> Metrics);
}
