using System.Security.Claims;
using FinSight.Dashboard.Access;
using Microsoft.AspNetCore.SignalR;

namespace FinSight.Dashboard.Hubs;

/// <summary>
/// A hub connection authenticates once, when it opens; a training process may keep it for days. So every
/// call re-checks the key the connection opened with: once the key is revoked or expires, or its owner is
/// disabled, the next call is refused with the reason and the connection is closed. While the key is good,
/// the call runs as its owner is now (<see cref="CallerOf"/>): a role changed since the connection opened
/// holds on the next call, not only on the next connection. (The hub accepts no sign-in cookies: see
/// <see cref="Extensions.FinSightAccessServices"/>.)
/// </summary>
public sealed class ApiKeyHubFilter(ApiKeyService keys, ILogger<ApiKeyHubFilter> logger) : IHubFilter
{
    private const string CallerItem = "finsight:current_caller";

    /// <summary>Who a hub call runs as: the key's owner as re-checked for this call.</summary>
    public static ClaimsPrincipal CallerOf(HubCallerContext context) =>
        context.Items.TryGetValue(CallerItem, out var current) && current is ClaimsPrincipal caller ? caller : context.User!;

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        // Every connection authenticated with a key ([Authorize] on the hub, keys only on /hubs).
        var keyId = context.Context.User?.KeyId() ?? throw Refuse(context, "The ingestion hub needs an API key.");
        var check = await keys.RecheckAsync(keyId, context.Context.ConnectionAborted);
        if (check.Caller is null) throw Refuse(context, check.Failure!);
        context.Context.Items[CallerItem] = check.Caller;
        return await next(context);
    }

    private HubException Refuse(HubInvocationContext context, string reason)
    {
        logger.LogInformation("Refusing {Method} on connection {Connection}: {Reason}", context.HubMethodName, context.Context.ConnectionId, reason);
        // Closed after this answer is sent, so the client sees the reason rather than a bare disconnect.
        _ = Task.Delay(TimeSpan.FromMilliseconds(200)).ContinueWith(_ => context.Context.Abort(), TaskScheduler.Default);
        return new HubException($"Unauthorized: {reason}");
    }
}
