using System.Text.Json.Serialization;

namespace FinSight.Dashboard.Apis.Mlflow;

/// <summary>MLflow's error body.</summary>
public sealed record MlflowError(
    [property: JsonPropertyName("error_code")] string ErrorCode,
    [property: JsonPropertyName("message")] string Message)
{
    /// <summary>Writes the error with the status MLflow gives its code.</summary>
    public Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = MlflowErrorCodes.HttpStatus(ErrorCode);
        return context.Response.WriteAsJsonAsync(this, MlflowErrorJson.Default.MlflowError);
    }

    public IResult ToResult() => TypedResults.Json(this, MlflowErrorJson.Default.MlflowError, statusCode: MlflowErrorCodes.HttpStatus(ErrorCode));
}

[JsonSerializable(typeof(MlflowError))]
internal sealed partial class MlflowErrorJson : JsonSerializerContext;
