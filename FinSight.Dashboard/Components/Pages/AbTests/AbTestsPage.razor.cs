using FinSight.Core.Contracts;
using FinSight.Dashboard.AbTests;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Components.Dialogs;
using FinSight.Dashboard.Components.Shared;
using FinSight.Dashboard.Live;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FinSight.Dashboard.Components.Pages.AbTests;

/// <summary>
/// Every A/B test the caller can read, with where it stands: units per variant, the leader, whether it is
/// significant, and a warning when the split is off (SRM). The list is re-read (throttled) whenever a test
/// changes or observations commit. Researchers and admins can define a new test here.
/// </summary>
public sealed partial class AbTestsPage : ComponentBase, IDisposable
{
    private readonly SubscriptionBag _subscriptions = new();
    private IReadOnlyList<AbTestListItem> _tests = [];
    private bool _loaded;

    [Inject] private AbTestReader Reader { get; set; } = default!;
    [Inject] private CurrentCaller Caller { get; set; } = default!;
    [Inject] private LiveMetricsStore Live { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    /// <summary>Only Researchers and Admins define tests (and then only in experiments they can edit; the dialog offers those).</summary>
    private bool CanCreate => Caller.User.CanCreateExperiments();

    protected override async Task OnInitializedAsync()
    {
        _subscriptions.Add(Live.SubscribeAbTests(() => InvokeAsync(async () =>
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
        await RefreshAsync();
    }

    private async Task RefreshAsync()
    {
        _tests = await Reader.ListAsync(Caller.User);
        _loaded = true;
    }

    private async Task CreateAsync()
    {
        var options = new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true };
        var dialog = await Dialogs.ShowAsync<AbTestDialog>("New A/B test", options);
        if (await dialog.Result is { Canceled: false, Data: AbTestRecord created })
        {
            Snackbar.Add($"A/B test '{created.Name}' created: {AbDisplay.Count(created.Design.PlannedSampleSize)} units per variant planned.", Severity.Success);
            // Its page shows the plan (the planned sample size) and the Start button.
            Navigation.NavigateTo($"/ab-tests/{created.Id}");
        }
    }

    public void Dispose() => _subscriptions.Dispose();
}
