using FinSight.Dashboard.Access;
using Microsoft.AspNetCore.SignalR;

namespace FinSight.Dashboard.Hubs;

/// <summary>
/// A hub connection authenticates once, when it opens; a training process may keep it for days. So every
/// call re-checks the key the connection opened with: once the key is revoked or expires, or its owner is
/// disabled, the next call is refused with the reason and the connection is closed.
/// </summary>
public sealed class ApiKeyHubFilter(ApiKeyService keys, ILogger<ApiKeyHubFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (context.Context.User?.KeyId() is { } keyId && await keys.RefusalAsync(keyId, context.Context.ConnectionAborted) is { } refusal)
        {
            logger.LogInformation("Refusing {Method} on connection {Connection}: {Reason}", context.HubMethodName, context.Context.ConnectionId, refusal);
            // Closed after this answer is sent, so the client sees the reason rather than a bare disconnect.
            _ = Task.Delay(TimeSpan.FromMilliseconds(200)).ContinueWith(_ => context.Context.Abort(), TaskScheduler.Default);
            throw new HubException($"Unauthorized: {refusal}");
        }
        return await next(context);
    }
}
