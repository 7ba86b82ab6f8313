using FinSight.Core.Access;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FinSight.Dashboard.Components.Dialogs;

/// <summary>
/// Creates a user (admins only). It saves itself so the server's refusal (a taken email, a short password)
/// appears here and the dialog stays open with what was typed; it closes with the created <see cref="UserInfo"/>.
/// </summary>
public sealed partial class NewUserDialog : ComponentBase
{
    private string? _email;
    private string? _password;
    // The least powerful role: an admin raises it on purpose, never by forgetting the field.
    private string _role = Roles.Viewer;
    private string? _error;
    private bool _saving;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject] private UserAdministration Users { get; set; } = default!;
    [Inject] private CurrentCaller Caller { get; set; } = default!;

    private async Task SaveAsync()
    {
        _saving = true;
        _error = null;
        try
        {
            Dialog.Close(DialogResult.Ok(await Users.CreateAsync(Caller.User, _email, _password, _role)));
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

    private static string RoleHelp(string role) => role switch
    {
        Roles.Admin => "Everything: users, keys, the audit log and every experiment.",
        Roles.Researcher => "Creates experiments and logs runs where they have EDIT.",
        _ => "Reads what is shared with them; never writes.",
    };
}
