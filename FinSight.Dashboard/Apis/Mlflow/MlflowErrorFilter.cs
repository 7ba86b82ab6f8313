using FinSight.Core.Tracking;
using FinSight.Dashboard.Ingestion;

namespace FinSight.Dashboard.Apis.Mlflow;

/// <summary>
/// Turns every failure on the MLflow routes into MLflow's <c>{"error_code","message"}</c> with MLflow's status,
/// so MLflow clients raise their usual <c>MlflowException</c>. Our own tracking errors keep their message.
/// </summary>
public sealed class MlflowErrorFilter(ILogger<MlflowErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (MlflowException e)
        {
            return new MlflowError(e.ErrorCode, e.Message).ToResult();
        }
        catch (TrackingException e)
        {
            return new MlflowError(CodeOf(e.Kind), e.Message).ToResult();
        }
        catch (Exception e) when (e is ServerShuttingDownException or StorageFailureException)
        {
            return new MlflowError(MlflowErrorCodes.TemporarilyUnavailable, e.Message).ToResult();
        }
        catch (BadHttpRequestException e)
        {
            // The request body went over a limit or could not be read.
            return new MlflowError(e.StatusCode == StatusCodes.Status413PayloadTooLarge ? MlflowErrorCodes.InvalidParameterValue : MlflowErrorCodes.BadRequest, e.Message).ToResult();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "MLflow API request {Path} failed", context.HttpContext.Request.Path);
            return new MlflowError(MlflowErrorCodes.InternalError, "The server failed to answer this request; nothing of it was kept. Try again, and tell your admin if it persists.").ToResult();
        }
    }

    /// <summary>
    /// MLflow answers a changed param value with INVALID_PARAMETER_VALUE (400), so a conflict with stored data is that
    /// code here too; routes that need RESOURCE_ALREADY_EXISTS (an experiment or model name taken) throw it themselves.
    /// </summary>
    public static string CodeOf(TrackingErrorKind kind) => kind switch
    {
        TrackingErrorKind.NotFound => MlflowErrorCodes.ResourceDoesNotExist,
        TrackingErrorKind.Forbidden => MlflowErrorCodes.PermissionDenied,
        _ => MlflowErrorCodes.InvalidParameterValue,
    };
}
