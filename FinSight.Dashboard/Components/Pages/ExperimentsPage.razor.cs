using System.Globalization;
using FinSight.Core.Access;
using FinSight.Core.Contracts;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Components.Dialogs;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Ingestion;
using FinSight.Dashboard.Live;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FinSight.Dashboard.Components.Pages;

/// <summary>
/// Every experiment with its run counts and last activity: search, sort, create, edit, soft delete and
/// restore, each action offered only where the caller's role and level allow it. It re-reads the list (and
/// those levels) when runs start or end or experiments change, never per metric point.
/// </summary>
public sealed partial class ExperimentsPage : ComponentBase, IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];
    private IReadOnlyList<ExperimentOverview> _experiments = [];
    private IReadOnlyDictionary<long, PermissionLevel> _levels = new Dictionary<long, PermissionLevel>();
    private bool _showDeleted;
    private bool _loaded;
    private string? _search;

    [Inject] private TrackingReader Reader { get; set; } = default!;

    [Inject] private CurrentCaller Caller { get; set; } = default!;
    [Inject] private ExperimentAccess Access { get; set; } = default!;
    [Inject] private IngestionService Ingestion { get; set; } = default!;
    [Inject] private LiveMetricsStore Live { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private string ServerUrl => Navigation.BaseUri.TrimEnd('/');

    protected override async Task OnInitializedAsync()
    {
        _subscriptions.Add(Live.SubscribeRunChanges(OnChangedAsync));
        _subscriptions.Add(Live.SubscribeExperimentChanges(OnChangedAsync));
        await RefreshAsync();
    }

    private Task OnChangedAsync() => InvokeAsync(async () =>
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
    });

    private async Task RefreshAsync()
    {
        var experiments = await Reader.ListExperimentOverviewsAsync(Caller.User, _showDeleted);
        _levels = await Access.LevelsAsync(Caller.User, experiments.Select(e => long.Parse(e.ExperimentId, CultureInfo.InvariantCulture)).ToList());
        _experiments = experiments;
        _loaded = true;
    }

    private async Task ShowDeletedChangedAsync(bool value)
    {
        _showDeleted = value;
        await RefreshAsync();
    }

    private bool CanCreate => Caller.User.CanCreateExperiments();

    private PermissionLevel LevelOf(ExperimentOverview experiment) =>
        _levels.GetValueOrDefault(long.Parse(experiment.ExperimentId, CultureInfo.InvariantCulture), PermissionLevel.NoPermissions);

    private bool Matches(ExperimentOverview experiment) =>
        string.IsNullOrWhiteSpace(_search)
        || experiment.Name.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase)
        || experiment.Description?.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase) == true;

    private async Task CreateAsync()
    {
        if (await ShowDialogAsync("New experiment", new DialogParameters<ExperimentDialog>()) is { } created)
        {
            Snackbar.Add($"Experiment '{created.Name}' created.", Severity.Success);
            await RefreshAsync();
        }
    }

    private async Task EditAsync(ExperimentOverview experiment)
    {
        var parameters = new DialogParameters<ExperimentDialog>
        {
            { d => d.ExperimentId, experiment.ExperimentId },
            { d => d.Name, experiment.Name },
            { d => d.Description, experiment.Description },
        };
        if (await ShowDialogAsync("Edit experiment", parameters) is { } saved)
        {
            Snackbar.Add(saved.Name == experiment.Name ? $"Experiment '{saved.Name}' saved." : $"Experiment '{experiment.Name}' renamed to '{saved.Name}'.",
                Severity.Success);
            await RefreshAsync();
        }
    }

    private async Task DeleteAsync(ExperimentOverview experiment)
    {
        var runs = experiment.RunCount == 1 ? "its run" : $"its {experiment.RunCount} runs";
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete experiment?",
            $"'{experiment.Name}' and {runs} will leave every list. Nothing is erased: turn on Show deleted to restore it.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true) return;
        await ChangeAsync(() => Ingestion.DeleteExperimentAsync(Caller.User, experiment.ExperimentId), $"Experiment '{experiment.Name}' deleted.");
    }

    private Task RestoreAsync(ExperimentOverview experiment) =>
        ChangeAsync(() => Ingestion.RestoreExperimentAsync(Caller.User, experiment.ExperimentId), $"Experiment '{experiment.Name}' restored.");

    private async Task ChangeAsync(Func<Task> change, string success)
    {
        try
        {
            await change();
            Snackbar.Add(success, Severity.Success);
        }
        catch (Exception e) when (e is TrackingException or StorageFailureException or ServerShuttingDownException)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
        await RefreshAsync();
    }

    private async Task<ExperimentRef?> ShowDialogAsync(string title, DialogParameters<ExperimentDialog> parameters)
    {
        var options = new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
        var dialog = await Dialogs.ShowAsync<ExperimentDialog>(title, parameters, options);
        var result = await dialog.Result;
        return result is { Canceled: false, Data: ExperimentRef saved } ? saved : null;
    }

    private static string RowClass(ExperimentOverview experiment, int index) => experiment.IsDeleted ? "experiment-deleted" : "";

    private static string FirstLine(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var line = text.Split('\n', 2)[0].TrimEnd('\r');
        return line.Length > 120 ? line[..117] + "…" : line;
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions) subscription.Dispose();
    }
}
