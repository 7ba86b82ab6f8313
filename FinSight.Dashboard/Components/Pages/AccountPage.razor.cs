using System.Globalization;
using FinSight.Core.Access;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Components.Dialogs;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FinSight.Dashboard.Components.Pages;

/// <summary>
/// The signed-in user's own page: who they are, a link to change their password, and their API keys
/// (create, with the secret shown once in a dialog; revoke), with how to use a key.
/// </summary>
public sealed partial class AccountPage : ComponentBase
{
    private IReadOnlyList<ApiKeyInfo> _keys = [];
    private string? _newName;
    private string? _newExpiry;
    private string? _createError;
    private bool _creating;

    [Inject] private ApiKeyService Keys { get; set; } = default!;
    [Inject] private CurrentCaller Caller { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private string ServerUrl => Navigation.BaseUri.TrimEnd('/');

    private string Role => Caller.User.Role() ?? "no role";

    private string RoleHelp => Caller.User.Role() switch
    {
        Roles.Admin => "Admins can do everything: manage users and keys, read the audit log, and read, edit and share every experiment.",
        Roles.Researcher => "Researchers create experiments (and manage the ones they create) and log runs where they have EDIT.",
        _ => "Viewers read the experiments shared with them and never write. Ask an admin for the Researcher role to log runs.",
    };

    protected override Task OnInitializedAsync() => RefreshAsync();

    private async Task RefreshAsync()
    {
        try
        {
            _keys = await Keys.ListAsync(Caller.User, allUsers: false);
        }
        catch (TrackingException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
    }

    private async Task CreateAsync()
    {
        _creating = true;
        _createError = null;
        CreatedApiKey created;
        try
        {
            created = await Keys.CreateAsync(Caller.User, _newName, ExpiryOf(_newExpiry));
        }
        catch (TrackingException e)
        {
            _createError = e.Message;
            return;
        }
        finally
        {
            _creating = false;
        }
        (_newName, _newExpiry) = (null, null);
        await RefreshAsync();
        var parameters = new DialogParameters<ApiKeySecretDialog> { { d => d.Key, created } };
        // No closing by a stray click or Escape: the secret is gone once the dialog is.
        var options = new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, BackdropClick = false, CloseOnEscapeKey = false };
        var dialog = await Dialogs.ShowAsync<ApiKeySecretDialog>("API key created", parameters, options);
        await dialog.Result;
    }

    private async Task RevokeAsync(ApiKeyInfo key)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Revoke key?",
            $"'{key.Name}' ({key.Prefix}…) stops working at once: programs using it get 401 on their next request. This cannot be undone.",
            yesText: "Revoke", cancelText: "Cancel");
        if (confirmed != true) return;
        try
        {
            await Keys.RevokeAsync(Caller.User, key.Id);
            Snackbar.Add($"Key '{key.Name}' revoked.", Severity.Success);
        }
        catch (TrackingException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
        await RefreshAsync();
    }

    /// <summary>
    /// The chosen day (a date input's "2026-11-26") as the instant the key stops working: the end of that day in UTC, so a
    /// key chosen to expire "on the 26th" still works on the 26th. Blank means never.
    /// </summary>
    internal static long? ExpiryOf(string? date)
    {
        if (string.IsNullOrWhiteSpace(date)) return null;
        if (!DateOnly.TryParseExact(date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            throw TrackingException.Invalid($"'{date}' is not a date; pick one (yyyy-MM-dd) or leave it empty for a key that does not expire.");
        return new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
    }
}
