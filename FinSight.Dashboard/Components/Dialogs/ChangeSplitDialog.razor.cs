using FinSight.Core.Contracts;
using FinSight.Core.Tracking;
using FinSight.Dashboard.AbTests;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Ingestion;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FinSight.Dashboard.Components.Dialogs;

/// <summary>
/// New weights for a draft or running test's variants. Saved through <see cref="AbTestService"/>, which checks
/// EDIT, the sum and the status; a refusal is shown here and the dialog stays open.
/// </summary>
public sealed partial class ChangeSplitDialog : ComponentBase
{
    private List<AbVariantDraft> _weights = [];
    private string? _error;
    private bool _saving;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject] private AbTestService Service { get; set; } = default!;
    [Inject] private CurrentCaller Caller { get; set; } = default!;

    [Parameter, EditorRequired] public string TestId { get; set; } = "";

    /// <summary>The test's variants with their current weights.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<AbVariantInfo> Variants { get; set; } = [];

    protected override void OnInitialized() =>
        _weights = Variants.Select(v => new AbVariantDraft { Name = v.Name, Weight = v.Weight }).ToList();

    private async Task SaveAsync()
    {
        _saving = true;
        _error = null;
        try
        {
            var request = new ChangeSplitRequest { Variants = _weights.Select(w => new AbVariantInput { Name = w.Name, Weight = w.Weight }).ToList() };
            await Service.ChangeSplitAsync(Caller.User, TestId, request);
            Dialog.Close(DialogResult.Ok(true));
        }
        catch (Exception e) when (e is TrackingException or StorageFailureException or ServerShuttingDownException)
        {
            _error = e.Message;
        }
        finally
        {
            _saving = false;
        }
    }

    private void Cancel() => Dialog.Cancel();
}
