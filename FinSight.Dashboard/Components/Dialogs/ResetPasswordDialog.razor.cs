using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FinSight.Dashboard.Components.Dialogs;

/// <summary>An admin sets a user's password; a refused password (too short) is shown here and the dialog stays open.</summary>
public sealed partial class ResetPasswordDialog : ComponentBase
{
    private string? _password;
    private string? _error;
    private bool _saving;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject] private UserAdministration Users { get; set; } = default!;
    [Inject] private CurrentCaller Caller { get; set; } = default!;

    [Parameter, EditorRequired] public string UserId { get; set; } = "";

    [Parameter] public string Email { get; set; } = "";

    private async Task SaveAsync()
    {
        _saving = true;
        _error = null;
        try
        {
            // An empty box would mean "leave the password as it is" to UpdateAsync: say so instead of closing as if reset.
            if (string.IsNullOrEmpty(_password)) throw TrackingException.Invalid("Enter the new password.");
            await Users.UpdateAsync(Caller.User, UserId, new UserChange(Password: _password));
            Dialog.Close(DialogResult.Ok(true));
        }
        catch (TrackingException e)
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
