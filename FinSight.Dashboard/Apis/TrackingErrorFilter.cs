using FinSight.Core.Tracking;
using FinSight.Dashboard.Ingestion;

namespace FinSight.Dashboard.Apis;

/// <summary>Turns a caller's mistake into RFC 7807 problem details with the message a user can act on.</summary>
public sealed class TrackingErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (TrackingException e)
        {
            var (status, title) = e.Kind switch
            {
                TrackingErrorKind.NotFound => (StatusCodes.Status404NotFound, "Not found"),
                TrackingErrorKind.Conflict => (StatusCodes.Status409Conflict, "Conflict"),
                TrackingErrorKind.Forbidden => (StatusCodes.Status403Forbidden, "Forbidden"),
                _ => (StatusCodes.Status400BadRequest, "Invalid request"),
            };
            return TypedResults.Problem(e.Message, statusCode: status, title: title);
        }
        catch (Exception e) when (e is ServerShuttingDownException or StorageFailureException)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Try again");
        }
    }
}
