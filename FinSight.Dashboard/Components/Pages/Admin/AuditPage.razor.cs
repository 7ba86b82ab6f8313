using System.Globalization;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using Microsoft.AspNetCore.Components;

namespace FinSight.Dashboard.Components.Pages.Admin;

/// <summary>
/// The audit log for admins, newest first, filtered by action, actor, text and a UTC date range. The page
/// is admin-only by its attribute, and <see cref="AuditLog.QueryAsync"/> checks the caller again.
/// </summary>
public sealed partial class AuditPage : ComponentBase
{
    public const int Limit = 200;

    private IReadOnlyList<AuditEvent> _events = [];
    private string? _action;
    private string? _actor;
    private string? _text;
    private string? _from;
    private string? _to;
    private string? _filterError;
    private string? _refusal;
    private bool _loaded;

    [Inject] private AuditLog Audit { get; set; } = default!;
    [Inject] private CurrentCaller Caller { get; set; } = default!;

    protected override Task OnInitializedAsync() => RefreshAsync();

    private async Task RefreshAsync()
    {
        var since = StartOfDay(_from);
        var until = StartOfDay(_to)?.AddDays(1).AddMilliseconds(-1);
        _filterError = since is not null && until is not null && until < since ? "The From date is after the To date: nothing can match." : null;
        try
        {
            // The log checks the caller is an admin, as GET /api/v1/admin/audit does, even if the router's gate were bypassed.
            _events = await Audit.QueryAsync(Caller.User, new AuditQuery
            {
                Action = _action,
                Actor = _actor,
                Text = _text,
                Since = since?.ToUnixTimeMilliseconds(),
                Until = until?.ToUnixTimeMilliseconds(),
                Limit = Limit,
            });
        }
        catch (TrackingException e)
        {
            _refusal = e.Message;
        }
        _loaded = true;
    }

    private Task ActionChangedAsync(string? action) => Set(() => _action = action);
    private Task ActorChangedAsync(string? actor) => Set(() => _actor = actor);
    private Task TextChangedAsync(string? text) => Set(() => _text = text);
    private Task FromChangedAsync(string? from) => Set(() => _from = from);
    private Task ToChangedAsync(string? to) => Set(() => _to = to);

    private Task ClearAsync() => Set(() => (_action, _actor, _text, _from, _to) = (null, null, null, null, null));

    private Task Set(Action change)
    {
        change();
        return RefreshAsync();
    }

    /// <summary>A date input's value ("2026-11-26") as the start of that day in UTC; blank or unreadable means no bound.</summary>
    private static DateTimeOffset? StartOfDay(string? date) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : null;
}
