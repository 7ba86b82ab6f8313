using System.Security.Claims;
using FinSight.Dashboard.Access;

namespace FinSight.Dashboard.Live;

/// <summary>
/// Live-point subscriptions for a dashboard user. The live store hands points to whoever subscribed, and access
/// can be taken away while a page is open; so each notification first asks whether the user may still read the
/// run, and the subscription ends itself when not. One place for every live chart, instead of a check in each.
/// </summary>
public sealed class ReadableLiveSeries(LiveMetricsStore live, ExperimentAccess access)
{
    public IDisposable Subscribe(ClaimsPrincipal caller, string runId, string key, Func<Task> onChange) =>
        Subscribe(caller, runId, [key], onChange);

    public IDisposable Subscribe(ClaimsPrincipal caller, string runId, IReadOnlyCollection<string> keys, Func<Task> onChange)
    {
        IDisposable? subscription = null;
        subscription = live.SubscribeSeries(runId, keys, async () =>
        {
            // Cached levels: cheap enough for every notification (at most one per Live:NotifyInterval).
            if (await access.CanReadRunAsync(caller, runId)) await onChange();
            else subscription?.Dispose();
        });
        return subscription;
    }
}
