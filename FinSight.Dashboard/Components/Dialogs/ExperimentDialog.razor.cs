using FinSight.Core.Contracts;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Ingestion;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FinSight.Dashboard.Components.Dialogs;

/// <summary>
/// Creates an experiment, or renames one and edits its description. It saves through the write path
/// itself so a refusal (a taken name, a rule broken) is shown here, next to the field to fix, and the
/// dialog stays open; it closes with the saved <see cref="ExperimentRef"/>.
/// </summary>
public sealed partial class ExperimentDialog : ComponentBase
{
    private string? _name;
    private string? _description;
    private string? _error;
    private bool _saving;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject] private IngestionService Ingestion { get; set; } = default!;

    [Inject] private FinSight.Dashboard.Access.CurrentCaller Caller { get; set; } = default!;

    /// <summary>The experiment to edit; null creates a new one.</summary>
    [Parameter] public string? ExperimentId { get; set; }

    [Parameter] public string? Name { get; set; }

    [Parameter] public string? Description { get; set; }

    protected override void OnInitialized() => (_name, _description) = (Name, Description);

    private async Task SaveAsync()
    {
        _saving = true;
        _error = null;
        try
        {
            var saved = ExperimentId is null
                ? await Ingestion.CreateExperimentAsync(Caller.User, _name, _description)
                : await Ingestion.UpdateExperimentAsync(Caller.User, ExperimentId, _name, _description);
            Dialog.Close(DialogResult.Ok(saved));
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
