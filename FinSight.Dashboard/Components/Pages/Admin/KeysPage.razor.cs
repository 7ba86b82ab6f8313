using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FinSight.Dashboard.Components.Pages.Admin;

/// <summary>Admins see every user's API keys (never their secrets) and revoke any of them, after confirming.</summary>
public sealed partial class KeysPage : ComponentBase
{
    private IReadOnlyList<ApiKeyInfo> _keys = [];
    private string? _search;
    private bool _activeOnly;
    private bool _loaded;

    [Inject] private ApiKeyService Keys { get; set; } = default!;
    [Inject] private CurrentCaller Caller { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    protected override Task OnInitializedAsync() => RefreshAsync();

    private async Task RefreshAsync()
    {
        try
        {
            _keys = await Keys.ListAsync(Caller.User, allUsers: true);
        }
        catch (TrackingException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
        _loaded = true;
    }

    private bool Matches(ApiKeyInfo key) =>
        (!_activeOnly || key.Status == "active")
        && (string.IsNullOrWhiteSpace(_search)
            || key.Owner.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase)
            || key.Name.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase));

    private async Task RevokeAsync(ApiKeyInfo key)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Revoke key?",
            $"'{key.Name}' ({key.Prefix}…) of {key.Owner} stops working at once: scripts using it get 401 on their next request. This cannot be undone.",
            yesText: "Revoke", cancelText: "Cancel");
        if (confirmed != true) return;
        try
        {
            await Keys.RevokeAsync(Caller.User, key.Id);
            Snackbar.Add($"Key '{key.Name}' of {key.Owner} revoked.", Severity.Success);
        }
        catch (TrackingException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
        await RefreshAsync();
    }
}
