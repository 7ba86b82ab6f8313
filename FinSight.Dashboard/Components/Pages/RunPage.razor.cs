using System.Globalization;
using FinSight.Core.Access;
using FinSight.Core.Analysis;
using FinSight.Core.Contracts;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Components.Charts;
using FinSight.Dashboard.Components.Run;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Live;
using Microsoft.AspNetCore.Components;

namespace FinSight.Dashboard.Components.Pages;

/// <summary>
/// One run: status, facts, notes (editable with EDIT on its experiment), live metric charts with the page's chart options, resource gauges,
/// params and tags, and the run's artifacts (<see cref="RunArtifacts"/>). Everything but the artifacts refreshes when
/// the run changes (throttled by the live store); the charts append their own points.
/// </summary>
public sealed partial class RunPage : ComponentBase, IDisposable
{
    private RunDetails? _run;
    private string? _experimentName;
    private string? _notFound;
    /// <summary>Why the caller may not see this run (no READ on its experiment), shown instead of its data.</summary>
    private string? _forbidden;
    private readonly SubscriptionBag _subscriptions = new();
    private IReadOnlyCollection<string> _selectedKeys = [];
    private bool _keysChosen;
    private ChartView _view = new();
    private string? _loadedRunId;
    private bool _canEdit;

    [Inject] private TrackingReader Reader { get; set; } = default!;

    [Inject] private CurrentCaller Caller { get; set; } = default!;
    [Inject] private ExperimentAccess Access { get; set; } = default!;
    [Inject] private LiveMetricsStore Live { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    [Parameter] public string RunId { get; set; } = "";

    private long Now => Time.GetUtcNow().ToUnixTimeMilliseconds();

    protected override async Task OnParametersSetAsync()
    {
        // Only a different run means starting over; a parent re-render with the same run keeps the view.
        if (RunId == _loadedRunId) return;
        _loadedRunId = RunId;
        _subscriptions.Clear();
        (_run, _notFound, _forbidden, _keysChosen, _experimentName, _canEdit) = (null, null, null, false, null, false);
        try
        {
            await LoadAsync();
            _experimentName = (await Reader.GetExperimentAsync(Caller.User, _run!.Info.ExperimentId)).Name;
            _canEdit = await Access.LevelAsync(Caller.User, long.Parse(_run.Info.ExperimentId, CultureInfo.InvariantCulture)) >= PermissionLevel.Edit;
        }
        catch (TrackingException e) when (e.Kind is TrackingErrorKind.NotFound or TrackingErrorKind.InvalidInput)
        {
            _notFound = e.Message;
            return;
        }
        catch (TrackingException e) when (e.Kind == TrackingErrorKind.Forbidden)
        {
            // No READ on its experiment: say so, as the API does, rather than failing the whole dashboard.
            _forbidden = e.Message;
            return;
        }
        _subscriptions.Add(Live.SubscribeRun(RunId, () => InvokeAsync(async () =>
        {
            try
            {
                await LoadAsync();
                StateHasChanged();
            }
            catch (TrackingException e) when (e.Kind == TrackingErrorKind.Forbidden)
            {
                // Access taken away while open: drop the run (and its live charts) and stop listening.
                (_forbidden, _run) = (e.Message, null);
                _subscriptions.Clear();
                StateHasChanged();
            }
            catch (Exception e)
            {
                await DispatchExceptionAsync(e);
            }
        })));
    }

    private async Task LoadAsync()
    {
        _run = await Reader.GetRunAsync(Caller.User, RunId);
        if (!_keysChosen) _selectedKeys = DefaultKeys(_run);
    }

    private void OnKeysChanged(IEnumerable<string> keys)
    {
        _selectedKeys = keys.ToList();
        _keysChosen = true;
    }

    private void SetView(ChartView view) => _view = view;

    /// <summary>Loss-like keys share one chart (train before validation); every other chosen key gets its own.</summary>
    private List<IReadOnlyList<string>> ChartGroups()
    {
        var chosen = _selectedKeys.Where(k => _run!.Metrics.Any(m => m.Key == k)).ToList();
        var losses = MetricSelection.LossKeys(chosen);
        var groups = new List<IReadOnlyList<string>>();
        if (losses.Count > 0) groups.Add(losses);
        groups.AddRange(chosen.Where(k => !MetricSelection.IsLossLike(k)).Order(StringComparer.Ordinal).Select(k => (IReadOnlyList<string>)[k]));
        return groups;
    }

    private static IReadOnlyCollection<string> DefaultKeys(RunDetails run)
    {
        var keys = ChartableKeys(run);
        var losses = MetricSelection.LossKeys(keys);
        return losses.Count > 0 ? losses : keys.Take(4).ToList();
    }

    private static List<string> ChartableKeys(RunDetails run) =>
        run.Metrics.Select(m => m.Key).Where(k => !MetricSelection.IsSystem(k)).Order(StringComparer.Ordinal).ToList();

    private static string? NoteOf(RunDetails run) => run.Tags.FirstOrDefault(t => t.Key == RunNotes.TagKey)?.Value;

    public void Dispose() => _subscriptions.Dispose();
}
