using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace FinSight.Dashboard.Apis.Mlflow;

/// <summary>
/// Reads an MLflow request body. MLflow's clients always send JSON, so the content type is not insisted on; an empty body
/// reads as <c>{}</c> (then each missing field is refused by name). Broken JSON is MALFORMED_REQUEST, a value of the wrong
/// type INVALID_PARAMETER_VALUE naming where it is; never a silent default.
/// </summary>
public static class MlflowBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken) where T : class, new()
    {
        // Clients that stream JSON send no Content-Length: look at the first bytes to tell an empty body from a broken one.
        var body = request.BodyReader;
        var first = await body.ReadAsync(cancellationToken);
        var empty = first.IsCompleted && first.Buffer.IsEmpty;
        body.AdvanceTo(first.Buffer.Start);
        if (empty) return new T();
        try
        {
            return await JsonSerializer.DeserializeAsync(body, type, cancellationToken)
                ?? throw new MlflowException(MlflowErrorCodes.MalformedRequest, "The request body must be a JSON object, not null.");
        }
        catch (JsonException e)
        {
            throw Malformed(e);
        }
    }

    private static MlflowException Malformed(JsonException e)
    {
        var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" at {e.Path}";
        var position = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
        return e.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? MlflowException.InvalidParameter($"Invalid value in the request body{where}{position}: the value has the wrong type (for example text where a number is expected).")
            : new MlflowException(MlflowErrorCodes.MalformedRequest, $"The request body is not valid JSON{where}{position}.");
    }
}
