namespace FinSight.Dashboard.Apis.Mlflow;

/// <summary>A caller's mistake on the MLflow API, with MLflow's error code; answered as <c>{"error_code","message"}</c>.</summary>
public sealed class MlflowException(string errorCode, string message) : Exception(message)
{
    public string ErrorCode { get; } = errorCode;

    public static MlflowException InvalidParameter(string message) => new(MlflowErrorCodes.InvalidParameterValue, message);
    public static MlflowException NotFound(string message) => new(MlflowErrorCodes.ResourceDoesNotExist, message);
    public static MlflowException AlreadyExists(string message) => new(MlflowErrorCodes.ResourceAlreadyExists, message);
}
