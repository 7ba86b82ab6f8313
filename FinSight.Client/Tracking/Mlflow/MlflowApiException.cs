using System.Net;

namespace FinSight.Client.Tracking.Mlflow;

/// <summary>An MLflow server refused a request with <c>{"error_code", "message"}</c>.</summary>
public sealed class MlflowApiException(HttpStatusCode statusCode, string errorCode, string message)
    : Exception($"MLflow answered {(int)statusCode} {errorCode}: {message}")
{
    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>MLflow's error code, e.g. <c>RESOURCE_DOES_NOT_EXIST</c> or <c>INVALID_PARAMETER_VALUE</c>.</summary>
    public string ErrorCode { get; } = errorCode;

    /// <summary>MLflow's message.</summary>
    public string ServerMessage { get; } = message;
}
