using FinSight.Core.Tracking;
using FinSight.Dashboard.Ingestion;
using Microsoft.AspNetCore.SignalR;

namespace FinSight.Dashboard.Hubs;

/// <summary>Sends a caller's mistake back as its message; anything unexpected stays on the server (logged, never shown).</summary>
public sealed class TrackingErrorHubFilter(ILogger<TrackingErrorHubFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(context);
        }
        catch (TrackingException e)
        {
            throw new HubException(e.Message);
        }
        catch (Exception e) when (e is ServerShuttingDownException or StorageFailureException)
        {
            throw new HubException(e.Message);
        }
        catch (Exception e) when (e is not HubException and not OperationCanceledException)
        {
            logger.LogError(e, "Hub method {Method} failed.", context.HubMethodName);
            throw new HubException($"{context.HubMethodName} failed on the server; nothing of it was stored. Try again.");
        }
    }
}
