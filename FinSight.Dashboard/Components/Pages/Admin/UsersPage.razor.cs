using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Components.Dialogs;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FinSight.Dashboard.Components.Pages.Admin;

/// <summary>
/// Admins manage accounts: create, search, change role, disable and enable, reset a password. Every change
/// goes through <see cref="UserAdministration"/>, which audits it and refuses what would break the rules
/// (disabling yourself, removing the last admin); its refusal is shown as the snackbar's message.
/// </summary>
public sealed partial class UsersPage : ComponentBase
{
    private IReadOnlyList<UserInfo> _users = [];
    private string? _search;
    private bool _loaded;
    private int _version;

    [Inject] private UserAdministration Users { get; set; } = default!;
    [Inject] private CurrentCaller Caller { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    protected override Task OnInitializedAsync() => RefreshAsync();

    private async Task RefreshAsync()
    {
        try
        {
            _users = await Users.ListAsync(Caller.User, _search);
            _version++;
        }
        catch (TrackingException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
        _loaded = true;
    }

    private async Task SearchChangedAsync(string? search)
    {
        _search = search;
        await RefreshAsync();
    }

    private bool IsSelf(UserInfo user) => user.Id == Caller.User.UserId();

    private async Task CreateAsync()
    {
        var options = new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
        var dialog = await Dialogs.ShowAsync<NewUserDialog>("New user", options);
        if (await dialog.Result is { Canceled: false, Data: UserInfo created })
        {
            Snackbar.Add($"User {created.Email} created as {created.Role}.", Severity.Success);
            await RefreshAsync();
        }
    }

    private Task ChangeRoleAsync(UserInfo user, string role) =>
        ChangeAsync(user, new UserChange(Role: role), $"{user.Email} is now {Article(role)} {role}.");

    private Task EnableAsync(UserInfo user) =>
        ChangeAsync(user, new UserChange(Disabled: false), $"{user.Email} is enabled and can sign in again.");

    private async Task DisableAsync(UserInfo user)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Disable user?",
            $"{user.Email} will be signed out everywhere and their API keys will stop working until you enable them again.",
            yesText: "Disable", cancelText: "Cancel");
        if (confirmed != true) return;
        await ChangeAsync(user, new UserChange(Disabled: true), $"{user.Email} is disabled.");
    }

    private async Task ResetPasswordAsync(UserInfo user)
    {
        var parameters = new DialogParameters<ResetPasswordDialog> { { d => d.UserId, user.Id }, { d => d.Email, user.Email } };
        var options = new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
        var dialog = await Dialogs.ShowAsync<ResetPasswordDialog>("Reset password", parameters, options);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add($"Password of {user.Email} reset; their sessions were signed out.", Severity.Success);
            await RefreshAsync();
        }
    }

    /// <summary>Applies a change; on refusal shows the server's reason. Either way the list is re-read, so a refused role change shows the role kept.</summary>
    private async Task ChangeAsync(UserInfo user, UserChange change, string success)
    {
        try
        {
            await Users.UpdateAsync(Caller.User, user.Id, change);
            Snackbar.Add(success, Severity.Success);
        }
        catch (TrackingException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
        await RefreshAsync();
    }

    private static string Article(string role) => role.Length > 0 && "AEIOU".Contains(role[0]) ? "an" : "a";
}
