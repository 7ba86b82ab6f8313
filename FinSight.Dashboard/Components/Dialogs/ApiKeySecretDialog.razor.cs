using FinSight.Dashboard.Access;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace FinSight.Dashboard.Components.Dialogs;

/// <summary>Shows a new key's secret, the one time it exists outside the owner's hands, with a copy button.</summary>
public sealed partial class ApiKeySecretDialog : ComponentBase
{
    private string? _copyMessage;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Parameter, EditorRequired] public CreatedApiKey Key { get; set; } = default!;

    private async Task CopyAsync()
    {
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", Key.Secret);
            _copyMessage = "Copied to the clipboard.";
        }
        catch (JSException)
        {
            // Browsers refuse the clipboard on plain-http pages other than localhost: the key stays selectable.
            _copyMessage = "The browser did not allow copying here: select the key above and copy it by hand.";
        }
    }

    private void Done() => Dialog.Close(DialogResult.Ok(true));
}
