using System.Globalization;
using FinSight.Core.Access;
using FinSight.Core.Contracts;
using FinSight.Core.Query;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Components.Dialogs;
using FinSight.Dashboard.Components.Shared;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace FinSight.Dashboard.Components.Pages;

/// <summary>
/// One experiment: its runs in a server-side grid (search, filter language, sort by any column, paging),
/// chosen param and metric columns, selection for comparison and CSV export, and sharing for those with
/// MANAGE. Statuses stay live: the grid reloads its page when a run starts or ends, never per metric point.
/// </summary>
public sealed partial class ExperimentPage : ComponentBase, IDisposable
{
    private const int MaxCompare = 20;
    private const int DefaultColumnsPerKind = 4;
    private static readonly int[] PageSizes = [25, 50, 100];
    private const string FilterHelp =
        "Enter applies · metrics.<key>, min(…)/max(…), params.<key>, tags.<key>, attributes.status · and, or, not, in, like";

    private ExperimentInfo? _experiment;
    private string? _notFound;
    /// <summary>Why the caller may not see this experiment (no READ on it), shown instead of its data.</summary>
    private string? _forbidden;
    private string? _loadError;
    private IReadOnlyDictionary<string, int> _counts = new Dictionary<string, int>();
    private int _totalRuns;
    private RunColumnKeys _keys = new([], [], []);
    private string _search = "";
    private string _filterText = "";
    private string _failedFilter = "";
    private RunFilter _filter = RunFilter.All;
    private FilterSyntaxException? _filterError;
    private RunGridSort _sort = RunGridSort.Default;
    private IReadOnlyList<FilterField> _columns = [];
    private IReadOnlyCollection<string> _columnSpecs = [];
    private bool _columnsChosen;
    private readonly HashSet<string> _selected = new(StringComparer.Ordinal);
    private IReadOnlyList<RunGridRow> _pageRows = [];
    private List<FilterField> _pageColumns = [];
    private long _nowMs;
    private string? _loadedExperimentId;
    private MudTable<RunGridRow>? _table;
    private IDisposable? _subscription;
    private bool _canManage;

    [Inject] private RunGridQuery Grid { get; set; } = default!;

    [Inject] private CurrentCaller Caller { get; set; } = default!;
    [Inject] private ExperimentAccess Access { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private TrackingReader Reader { get; set; } = default!;
    [Inject] private LiveMetricsStore Live { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    [Parameter] public string ExperimentId { get; set; } = "";

    private bool CanCompare => _selected.Count is >= 2 and <= MaxCompare;

    private string ExportUrl =>
        $"/api/v1/experiments/{Uri.EscapeDataString(ExperimentId)}/runs.csv?search={Uri.EscapeDataString(_search)}" +
        $"&filter={Uri.EscapeDataString(_filter.Text)}&sort={Uri.EscapeDataString(_sort.ToString())}" +
        $"&columns={Uri.EscapeDataString(string.Join(',', _columns))}";

    protected override void OnInitialized()
    {
        _nowMs = Time.GetUtcNow().ToUnixTimeMilliseconds();
        _subscription = Live.SubscribeRunChanges(() => InvokeAsync(async () =>
        {
            try
            {
                await RefreshAsync();
            }
            catch (Exception e)
            {
                await DispatchExceptionAsync(e);
            }
        }));
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedExperimentId == ExperimentId) return;
        _loadedExperimentId = ExperimentId;
        _experiment = null;
        _notFound = null;
        _forbidden = null;
        _canManage = false;
        _selected.Clear();
        _columnsChosen = false;
        try
        {
            _experiment = await Reader.GetExperimentAsync(Caller.User, ExperimentId);
            await LoadLevelAsync();
            await LoadSummaryAsync();
            // Navigating from one experiment to another keeps this component (and its table): load the new runs.
            if (_table is not null) await ReloadFromFirstPageAsync();
        }
        catch (TrackingException e) when (e.Kind == TrackingErrorKind.NotFound)
        {
            _notFound = e.Message;
        }
        catch (TrackingException e) when (e.Kind == TrackingErrorKind.Forbidden)
        {
            // No READ on it: say so, as the API does, rather than failing the whole dashboard.
            _forbidden = e.Message;
        }
    }

    /// <summary>Sharing is offered only to those who may share (MANAGE); the dialog's service checks again.</summary>
    private async Task LoadLevelAsync() =>
        _canManage = long.TryParse(ExperimentId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && await Access.LevelAsync(Caller.User, id) >= PermissionLevel.Manage;

    private async Task ShareAsync()
    {
        var parameters = new DialogParameters<ShareExperimentDialog>
        {
            { d => d.ExperimentId, ExperimentId },
            { d => d.ExperimentName, _experiment?.Name ?? "" },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
        var dialog = await Dialogs.ShowAsync<ShareExperimentDialog>("Share", parameters, options);
        await dialog.Result;
        // The caller may have lowered their own level in the dialog.
        await LoadLevelAsync();
    }

    /// <summary>A run started or ended somewhere: refresh counts, keys and the page shown.</summary>
    private async Task RefreshAsync()
    {
        if (_experiment is null) return;
        try
        {
            await LoadSummaryAsync();
            if (_table is not null) await _table.ReloadServerData();
        }
        catch (TrackingException e) when (e.Kind == TrackingErrorKind.NotFound)
        {
            _notFound = e.Message; // deleted while open
        }
        catch (TrackingException e) when (e.Kind == TrackingErrorKind.Forbidden)
        {
            // Access taken away while open: stop showing the experiment's data.
            (_forbidden, _experiment, _pageRows) = (e.Message, null, []);
        }
        StateHasChanged();
    }

    private async Task LoadSummaryAsync()
    {
        _counts = await Grid.CountByStatusAsync(Caller.User, ExperimentId);
        _totalRuns = _counts.Values.Sum();
        _keys = await Grid.ListColumnKeysAsync(Caller.User, ExperimentId);
        if (!_columnsChosen) SetColumns(DefaultColumns());
    }

    private async Task<TableData<RunGridRow>> LoadPageAsync(TableState state, CancellationToken cancellationToken)
    {
        _nowMs = Time.GetUtcNow().ToUnixTimeMilliseconds();
        _sort = string.IsNullOrEmpty(state.SortLabel) || state.SortDirection == SortDirection.None
            ? RunGridSort.Default
            : RunGridSort.Parse(state.SortLabel) with { Descending = state.SortDirection == SortDirection.Descending };
        var columns = _columns;
        try
        {
            var page = await Grid.QueryAsync(Caller.User, new RunGridRequest(ExperimentId)
            {
                Search = _search,
                Filter = _filter,
                Sort = _sort,
                PageIndex = state.Page,
                PageSize = state.PageSize,
                Columns = columns,
            }, cancellationToken);
            _loadError = null;
            _pageRows = page.Rows;
            _pageColumns = columns.ToList();
            return new TableData<RunGridRow> { Items = page.Rows, TotalItems = page.TotalCount };
        }
        catch (TrackingException e)
        {
            // The experiment was deleted meanwhile, or the paging is out of range: say so, keep what is shown.
            _loadError = e.Message;
            return new TableData<RunGridRow> { Items = _pageRows, TotalItems = _pageRows.Count };
        }
    }

    private async Task SearchChangedAsync(string? search)
    {
        _search = search ?? "";
        await ReloadFromFirstPageAsync();
    }

    private async Task FilterKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key is "Enter" or "NumpadEnter") await ApplyFilterAsync();
    }

    /// <summary>A filter that does not parse is reported under the box; the grid keeps its previous results.</summary>
    private async Task ApplyFilterAsync()
    {
        if (!RunFilter.TryParse(_filterText, out var filter, out var error))
        {
            _filterError = error;
            _failedFilter = _filterText;
            return;
        }
        _filterError = null;
        _filter = filter;
        await ReloadFromFirstPageAsync();
    }

    private async Task ColumnsChangedAsync(IReadOnlyCollection<string>? specs)
    {
        _columnsChosen = true;
        SetColumns(specs ?? []);
        if (_table is not null) await _table.ReloadServerData();
    }

    private void SetColumns(IEnumerable<string> specs)
    {
        // Keep the picker's order (params, then metrics as last/min/max) whatever order they were ticked in.
        var chosen = specs.ToHashSet(StringComparer.Ordinal);
        var ordered = ColumnOptions().Where(chosen.Contains).ToList();
        _columnSpecs = ordered;
        _columns = ordered.Select(FilterField.Parse).ToList();
    }

    private IEnumerable<string> DefaultColumns() =>
        _keys.ParamKeys.Take(DefaultColumnsPerKind).Select(k => new FilterField(FilterFieldKind.Param, k).ToString())
            .Concat(_keys.MetricKeys.Where(k => !k.StartsWith("system/", StringComparison.Ordinal)).Take(DefaultColumnsPerKind)
                .Select(k => new FilterField(FilterFieldKind.Metric, k).ToString()));

    /// <summary>Every param and tag, and each metric as its last, minimum and maximum value.</summary>
    private IEnumerable<string> ColumnOptions() =>
        _keys.ParamKeys.Select(k => new FilterField(FilterFieldKind.Param, k))
            .Concat(_keys.MetricKeys.SelectMany(k => new[]
            {
                new FilterField(FilterFieldKind.Metric, k),
                new FilterField(FilterFieldKind.Metric, k, MetricAggregate.Min),
                new FilterField(FilterFieldKind.Metric, k, MetricAggregate.Max),
            }))
            .Concat(_keys.TagKeys.Select(k => new FilterField(FilterFieldKind.Tag, k)))
            .Select(f => f.ToString());

    private async Task ReloadFromFirstPageAsync()
    {
        if (_table is null) return;
        _table.NavigateTo(0);
        await _table.ReloadServerData();
    }

    private void Select(string runId, bool on)
    {
        if (on) _selected.Add(runId);
        else _selected.Remove(runId);
    }

    /// <summary>The header box: ticked when every run on the page is selected, mixed when some are.</summary>
    private bool? PageSelection()
    {
        var count = _pageRows.Count(r => _selected.Contains(r.Run.RunId));
        return count == 0 ? false : count == _pageRows.Count ? true : null;
    }

    private void SelectPage(bool? on)
    {
        foreach (var row in _pageRows) Select(row.Run.RunId, on == true);
    }

    private void ClearSelection() => _selected.Clear();

    private void Compare() => Navigation.NavigateTo($"/compare?runIds={string.Join(',', _selected)}");

    private IEnumerable<(string Status, int Count)> StatusCounts()
    {
        foreach (var status in new[] { "RUNNING", "FINISHED", "FAILED" })
            yield return (status, _counts.GetValueOrDefault(status));
        foreach (var (status, count) in _counts.Where(c => c.Key is not ("RUNNING" or "FINISHED" or "FAILED")).OrderBy(c => c.Key))
            yield return (status, count);
    }

    private static string ColumnHeading(FilterField column) => column.Kind switch
    {
        FilterFieldKind.Metric => column.Label(),
        FilterFieldKind.Param => $"{column.Key} (param)",
        _ => $"{column.Key} (tag)",
    };

    /// <summary>A row's values under the columns shown; until the reload after a column change, new columns show blanks.</summary>
    private IEnumerable<(string Column, RunGridValue Value)> Cells(RunGridRow row) =>
        _columns.Select(column => _pageColumns.IndexOf(column) is var i and >= 0 && i < row.Values.Count
            ? (column.ToString(), row.Values[i])
            : (column.ToString(), RunGridValue.Missing));

    private static string CellText(RunGridValue value) => value.Number is { } n ? Display.Number(n) : value.Text ?? "";

    public void Dispose() => _subscription?.Dispose();
}
