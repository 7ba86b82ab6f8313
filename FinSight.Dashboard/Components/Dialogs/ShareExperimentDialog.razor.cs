using FinSight.Core.Access;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FinSight.Dashboard.Components.Dialogs;

/// <summary>
/// Who may do what with one experiment: the default level, each person's own level (change, or revoke back to
/// the default) and adding a person. Every change is saved at once through <see cref="PermissionAdministration"/>
/// (which needs MANAGE and audits); a refusal is shown at the top and the list is re-read, so it shows what is stored.
/// </summary>
public sealed partial class ShareExperimentDialog : ComponentBase
{
    private ExperimentPermissions? _permissions;
    private string? _email;
    private string _level = PermissionLevel.Read.ToWire();
    private string? _error;
    private bool _busy;
    private int _version;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject] private PermissionAdministration Permissions { get; set; } = default!;
    [Inject] private CurrentCaller Caller { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired] public string ExperimentId { get; set; } = "";

    [Parameter] public string ExperimentName { get; set; } = "";

    protected override Task OnInitializedAsync() => ApplyAsync(null);

    private Task AddAsync() => ApplyAsync(async () =>
    {
        var saved = await Permissions.SetAsync(Caller.User, ExperimentId, _email, _level);
        _email = null;
        return $"{saved.Email} now has {saved.Level} on '{ExperimentName}'.";
    });

    private Task ChangeAsync(ExperimentPermission permission, string level) => ApplyAsync(async () =>
    {
        var saved = await Permissions.SetAsync(Caller.User, ExperimentId, permission.Email, level);
        return $"{saved.Email} now has {saved.Level} on '{ExperimentName}'.";
    });

    private Task RevokeAsync(ExperimentPermission permission) => ApplyAsync(async () =>
    {
        await Permissions.RevokeAsync(Caller.User, ExperimentId, permission.UserId);
        return $"{permission.Email} is back to the default level ({_permissions?.DefaultLevel}).";
    });

    /// <summary>Applies a change (if any) and confirms it, then re-reads the stored permissions; a refusal becomes the message at the top.</summary>
    private async Task ApplyAsync(Func<Task<string>>? change)
    {
        _busy = true;
        _error = null;
        try
        {
            if (change is not null) Snackbar.Add(await change(), Severity.Success);
            _permissions = await Permissions.ListAsync(Caller.User, ExperimentId);
            _version++;
        }
        catch (TrackingException e)
        {
            _error = e.Message;
            // Re-read so a refused change shows the level actually kept; if reading is refused too, keep the message above.
            try
            {
                _permissions = await Permissions.ListAsync(Caller.User, ExperimentId);
                _version++;
            }
            catch (TrackingException)
            {
                _permissions = null;
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private void Done() => Dialog.Close(DialogResult.Ok(true));
}
