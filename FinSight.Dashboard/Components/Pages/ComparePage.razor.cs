using System.Globalization;
using FinSight.Core.Access;
using FinSight.Core.Analysis;
using FinSight.Core.Analysis.Comparison;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Components.Charts;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Ingestion;
using FinSight.Dashboard.Live;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FinSight.Dashboard.Components.Pages;

/// <summary>
/// Two to twenty runs side by side: a chart per chosen metric (live for running runs), final values as
/// grouped bars, rankings that honour each metric's direction (which a user with EDIT on the experiment
/// can flip, remembered per experiment), recommendations (best run per metric, dominated runs, the Pareto front
/// over two metrics as a scatter chart, overfitting read from train/validation loss histories), params against a
/// metric in parallel coordinates, and the params table.
/// </summary>
public sealed partial class ComparePage : ComponentBase, IDisposable
{
    public const int MaxRuns = CompareRunIds.Max;
    // Summaries (best, last) of running runs are re-read at most this often: rankings stay current without a query per point.
    private static readonly TimeSpan SummaryRefresh = TimeSpan.FromSeconds(2);

    private readonly SubscriptionBag _subscriptions = new();
    private readonly SubscriptionBag _runSubscriptions = new();
    private IReadOnlyList<ComparedRun> _runs = [];
    private IReadOnlyList<CompareRun> _chartRuns = [];
    private string _chartRunsKey = "";
    private IReadOnlyList<ParamRow> _params = [];
    private IReadOnlyDictionary<string, MetricDirection> _savedDirections = new Dictionary<string, MetricDirection>();
    private IReadOnlyList<string> _selected = [];
    private MetricAggregate _aggregate = MetricAggregate.Best;
    private string? _parcoordsKey;
    private bool _showSystem;
    private int _experimentCount;
    private string? _problem;
    /// <summary>Why the caller may not compare these runs (no READ on one's experiment), shown instead of any of them.</summary>
    private string? _forbidden;
    private bool _canSaveDirections;
    private string? _loadedFor;
    private ThrottledCallback? _summaryRefresh;
    /// <summary>Train/validation loss histories of the runs, for overfitting; re-read only for runs that were running.</summary>
    private IReadOnlyList<LossCurves> _lossCurves = [];
    private HashSet<string> _curvesReadWhileRunning = new(StringComparer.Ordinal);
    private ComparisonReport? _analysis;
    private string? _paretoX;
    private string? _paretoY;

    [Inject] private TrackingReader Reader { get; set; } = default!;

    [Inject] private CurrentCaller Caller { get; set; } = default!;
    [Inject] private ExperimentAccess Access { get; set; } = default!;
    [Inject] private IngestionService Ingestion { get; set; } = default!;
    [Inject] private LiveMetricsStore Live { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "runIds")] public string? RunIds { get; set; }

    private IEnumerable<string> AvailableKeys =>
        _runs.SelectMany(r => r.Metrics).Select(m => m.Key).Distinct(StringComparer.Ordinal)
            .Where(k => _showSystem || !MetricSelection.IsSystem(k) || _selected.Contains(k))
            .Order(StringComparer.Ordinal);

    protected override void OnInitialized()
    {
        _summaryRefresh = new ThrottledCallback(() => InvokeAsync(RefreshLiveAsync), SummaryRefresh, Time);
        // Starts, ends and status changes of any run; the page re-reads only its own runs.
        _subscriptions.Add(Live.SubscribeRunChanges(() => InvokeAsync(RefreshLiveAsync)));
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor == RunIds && _loadedFor is not null) return;
        _loadedFor = RunIds;
        _runSubscriptions.Clear(); // the runs of the previous address
        _forbidden = null;
        _problem = CompareRunIds.Check(RunIds, out var ids);
        if (_problem is not null) return;
        IReadOnlyList<ComparedRun> runs;
        try
        {
            runs = await Reader.GetRunsForComparisonAsync(Caller.User, ids);
        }
        catch (TrackingException e) when (e.Kind == TrackingErrorKind.Forbidden)
        {
            // A run of an experiment the caller may not read refuses the whole comparison, naming nothing of it.
            (_forbidden, _runs) = (e.Message, []);
            return;
        }
        _problem = CompareRunIds.Missing(ids, runs);
        if (_problem is not null) return;
        _savedDirections = await Reader.GetMetricDirectionsAsync(Caller.User, runs[0].Info.ExperimentId);
        // Directions are saved on the first run's experiment (as FlipDirectionAsync does): EDIT there allows flipping.
        _canSaveDirections = await Access.LevelAsync(Caller.User, long.Parse(runs[0].Info.ExperimentId, CultureInfo.InvariantCulture)) >= PermissionLevel.Edit;
        Apply(runs);
        _selected = MetricSelection.DefaultKeys(runs.Select(r => (IReadOnlyCollection<string>)r.Metrics.Select(m => m.Key).ToList()).ToList());
        _parcoordsKey = _selected.FirstOrDefault() ?? AvailableKeys.FirstOrDefault();
        (_paretoX, _paretoY) = (null, null);
        await ReadLossCurvesAsync(runs, runs);
        Analyse();
        foreach (var run in runs.Where(r => r.Info.Status == "RUNNING"))
        {
            _runSubscriptions.Add(Live.SubscribeRun(run.Info.RunId, () =>
            {
                _summaryRefresh?.Signal();
                return Task.CompletedTask;
            }));
        }
    }


    private void Apply(IReadOnlyList<ComparedRun> runs)
    {
        _runs = runs;
        _experimentCount = runs.Select(r => r.Info.ExperimentId).Distinct().Count();
        _params = ParamComparison.Build(runs.Select(r => r.Params).ToList());
        var chartRuns = runs.Select(r => new CompareRun(r.Info.RunId, NameOf(r), r.Info.Status == "RUNNING")).ToList();
        var key = string.Join(',', chartRuns.Select(r => $"{r.RunId}:{r.Running}"));
        // Charts are rebuilt only when a run starts or stops running: an ended run's chart reloads its full history.
        if (key != _chartRunsKey) (_chartRuns, _chartRunsKey) = (chartRuns, key);
    }

    private async Task RefreshLiveAsync()
    {
        try
        {
            if (_problem is not null || _runs.Count == 0) return;
            var runs = await Reader.GetRunsForComparisonAsync(Caller.User, _runs.Select(r => r.Info.RunId).ToList());
            if (runs.Count != _runs.Count) return; // a run vanished mid-way; keep what is shown
            Apply(runs);
            // Curves of finished runs do not change: only running runs (and those that just ended) are read again.
            await ReadLossCurvesAsync(runs, runs.Where(r => r.Info.Status == "RUNNING" || _curvesReadWhileRunning.Contains(r.Info.RunId)).ToList());
            Analyse();
            StateHasChanged();
        }
        catch (TrackingException e) when (e.Kind == TrackingErrorKind.Forbidden)
        {
            // Access to one of the runs taken away while open: show none of them any more.
            (_forbidden, _runs) = (e.Message, []);
            _runSubscriptions.Clear();
            StateHasChanged();
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    }

    /// <summary>Reads the loss curves of <paramref name="toRead"/> and keeps the others' curves, in the runs' order.</summary>
    private async Task ReadLossCurvesAsync(IReadOnlyList<ComparedRun> runs, IReadOnlyList<ComparedRun> toRead)
    {
        if (toRead.Count == 0) return;
        var fresh = await Reader.GetLossCurvesAsync(Caller.User, toRead);
        var reread = toRead.Select(r => r.Info.RunId).ToHashSet(StringComparer.Ordinal);
        var order = runs.Select((r, i) => (r.Info.RunId, i)).ToDictionary(x => x.RunId, x => x.i, StringComparer.Ordinal);
        _lossCurves = _lossCurves.Where(c => !reread.Contains(c.RunId) && order.ContainsKey(c.RunId)).Concat(fresh)
            .OrderBy(c => order.GetValueOrDefault(c.RunId, int.MaxValue)).ToList();
        _curvesReadWhileRunning = runs.Where(r => r.Info.Status == "RUNNING").Select(r => r.Info.RunId).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Recomputes the recommendations and the Pareto front from what is shown: selected metrics, their directions, best or last.</summary>
    private void Analyse()
    {
        if (_runs.Count == 0)
        {
            _analysis = null;
            return;
        }
        var metrics = _selected.Select(k => new ComparisonMetric(k, DirectionOf(k), _aggregate)).ToList();
        var runIds = _runs.Select(r => r.Info.RunId).ToHashSet(StringComparer.Ordinal);
        _analysis = ComparisonAnalyzer.Analyze(
            _runs.Select(r => new ComparisonRun(r.Info.RunId, NameOf(r), r.Metrics)).ToList(),
            metrics,
            _lossCurves.Where(c => runIds.Contains(c.RunId)).ToList(),
            new ComparisonOptions { ParetoX = ParetoXKey, ParetoY = ParetoYKey });
    }

    /// <summary>The Pareto chart's x metric: the one picked while it stays selected, else the first selected.</summary>
    private string? ParetoXKey => _selected.Count < 2 ? null : _paretoX is { } x && _selected.Contains(x) ? x : _selected[0];

    /// <summary>The Pareto chart's y metric: the one picked while it stays selected and differs from x, else the first other selected.</summary>
    private string? ParetoYKey
    {
        get
        {
            if (ParetoXKey is not { } x) return null;
            return _paretoY is { } y && y != x && _selected.Contains(y) ? y : _selected.First(k => k != x);
        }
    }

    private void ParetoXChanged(string? key)
    {
        // Picking y's metric for x swaps the axes rather than plotting a metric against itself.
        var (x, y) = (ParetoXKey, ParetoYKey);
        (_paretoX, _paretoY) = (key, key == y ? x : y);
        Analyse();
    }

    private void ParetoYChanged(string? key)
    {
        var (x, y) = (ParetoXKey, ParetoYKey);
        (_paretoX, _paretoY) = (key == x ? y : x, key);
        Analyse();
    }

    /// <summary>Run names label traces and columns; a name two runs share gets the id's start so lines stay distinguishable.</summary>
    private string NameOf(ComparedRun run) =>
        _runs.Count(r => r.Info.RunName == run.Info.RunName) > 1 ? $"{run.Info.RunName} ({run.Info.RunId[..6]})" : run.Info.RunName;

    private MetricDirection DirectionOf(string key) =>
        _savedDirections.TryGetValue(key, out var saved) ? saved : MetricDirections.Infer(key);

    private double? ValueOf(ComparedRun run, string key) =>
        run.Metrics.FirstOrDefault(m => m.Key == key) is { } summary ? RunRanking.Pick(summary, _aggregate, DirectionOf(key)) : null;

    /// <summary>Params every run shares add a flat axis and no information; they are left off the chart when others vary.</summary>
    private IReadOnlyList<ParamRow> VaryingParams => _params.Any(p => p.Differs) ? _params.Where(p => p.Differs).ToList() : _params;

    private IReadOnlyList<double?> ValuesOf(string key) => _runs.Select(r => ValueOf(r, key)).ToList();

    private IReadOnlyList<IReadOnlyList<double?>> BarValues() =>
        _runs.Select(r => (IReadOnlyList<double?>)_selected.Select(k => ValueOf(r, k)).ToList()).ToList();

    private IReadOnlyList<RankedEntry<ComparedRun>> Ranking(string key) => RunRanking.Rank(_runs, r => ValueOf(r, key), DirectionOf(key));

    private void SelectedChanged(IEnumerable<string>? keys)
    {
        // Keep the order the metrics are listed in, so charts do not jump around as the selection grows.
        var chosen = (keys ?? []).ToHashSet(StringComparer.Ordinal);
        _selected = AvailableKeys.Where(chosen.Contains).ToList();
        Analyse();
    }

    private void ShowSystemChanged(bool value)
    {
        _showSystem = value;
        if (!value) _selected = _selected.Where(k => !MetricSelection.IsSystem(k)).ToList();
        Analyse();
    }

    private void SetAggregate(MetricAggregate aggregate)
    {
        _aggregate = aggregate;
        Analyse();
    }

    private void ParcoordsKeyChanged(string? key) => _parcoordsKey = key;

    private async Task FlipDirectionAsync(string key)
    {
        var flipped = DirectionOf(key) == MetricDirection.Minimize ? MetricDirection.Maximize : MetricDirection.Minimize;
        // Flipping back to what the name implies forgets the choice, so the table holds only real overrides.
        MetricDirection? toSave = flipped == MetricDirections.Infer(key) ? null : flipped;
        var experiment = _runs[0];
        try
        {
            await Ingestion.SetMetricDirectionAsync(Caller.User, experiment.Info.ExperimentId, key, toSave);
            _savedDirections = await Reader.GetMetricDirectionsAsync(Caller.User, experiment.Info.ExperimentId);
            Analyse();
            Snackbar.Add($"{key}: {flipped.ToWire()} is better now, saved for experiment '{experiment.ExperimentName}'.", Severity.Success);
        }
        catch (Exception e) when (e is TrackingException or StorageFailureException or ServerShuttingDownException)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
    }

    public void Dispose()
    {
        _summaryRefresh?.Dispose();
        _subscriptions.Dispose();
        _runSubscriptions.Dispose();
    }
}
