using FinSight.Core.Tracking;
using FinSight.Dashboard.Ingestion;
using Microsoft.AspNetCore.SignalR;

namespace FinSight.Dashboard.Hubs;

/// <summary>
/// Sends a caller's mistake back as its message; anything unexpected stays on the server (logged, never shown),
/// and a failure worth retrying drops the connection so the client resends.
/// </summary>
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
            // Not a refusal: the request may succeed if resent. Clients treat a HubException as final,
            // so drop the connection instead; they reconnect and resend with the same batch id.
            logger.LogInformation("Dropping connection {Connection}: {Reason}", context.Context.ConnectionId, e.Message);
            context.Context.Abort();
            await Task.Delay(Timeout.Infinite, context.Context.ConnectionAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            throw new OperationCanceledException(e.Message);
        }
        catch (Exception e) when (e is not HubException and not OperationCanceledException)
        {
            logger.LogError(e, "Hub method {Method} failed.", context.HubMethodName);
            throw new HubException($"{context.HubMethodName} failed on the server; nothing of it was stored. Try again.");
        }
    }
}
