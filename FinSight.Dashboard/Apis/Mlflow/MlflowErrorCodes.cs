namespace FinSight.Dashboard.Apis.Mlflow;

/// <summary>
/// MLflow's error codes (databricks_pb2.ErrorCode names) and the HTTP status MLflow's server answers each with
/// (mlflow/exceptions.py); clients switch on the code, so these strings are part of the contract.
/// </summary>
public static class MlflowErrorCodes
{
    public const string InvalidParameterValue = "INVALID_PARAMETER_VALUE";
    public const string ResourceDoesNotExist = "RESOURCE_DOES_NOT_EXIST";
    public const string ResourceAlreadyExists = "RESOURCE_ALREADY_EXISTS";
    public const string ResourceConflict = "RESOURCE_CONFLICT";
    public const string BadRequest = "BAD_REQUEST";
    public const string MalformedRequest = "MALFORMED_REQUEST";
    public const string InvalidState = "INVALID_STATE";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string PermissionDenied = "PERMISSION_DENIED";
    public const string RequestLimitExceeded = "REQUEST_LIMIT_EXCEEDED";
    public const string EndpointNotFound = "ENDPOINT_NOT_FOUND";
    public const string InternalError = "INTERNAL_ERROR";
    public const string TemporarilyUnavailable = "TEMPORARILY_UNAVAILABLE";

    /// <summary>The status MLflow's server answers a code with (RESOURCE_ALREADY_EXISTS is a 400 there, not a 409).</summary>
    public static int HttpStatus(string code) => code switch
    {
        InvalidParameterValue or ResourceAlreadyExists or BadRequest or MalformedRequest => StatusCodes.Status400BadRequest,
        Unauthenticated => StatusCodes.Status401Unauthorized,
        PermissionDenied => StatusCodes.Status403Forbidden,
        ResourceDoesNotExist or EndpointNotFound => StatusCodes.Status404NotFound,
        ResourceConflict => StatusCodes.Status409Conflict,
        RequestLimitExceeded => StatusCodes.Status429TooManyRequests,
        TemporarilyUnavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError, // INTERNAL_ERROR, INVALID_STATE
    };
}
