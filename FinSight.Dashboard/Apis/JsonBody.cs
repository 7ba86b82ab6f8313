using System.Text.Json;
using FinSight.Core.Tracking;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace FinSight.Dashboard.Apis;

/// <summary>
/// Reads a JSON body ourselves so a malformed one is answered with where and what is wrong
/// (the framework's binder answers a bare 400), and never with a silent default.
/// </summary>
public static class JsonBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        if (!request.HasJsonContentType())
            throw TrackingException.Invalid("The request body must be JSON (Content-Type: application/json).");
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, options, cancellationToken)
                ?? throw TrackingException.Invalid("The request body is required.");
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" at {e.Path}";
            var position = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
            var what = e.Message.Contains("could not be converted", StringComparison.Ordinal)
                ? "the value has the wrong type (for example text where a number is expected)"
                : "the JSON is malformed";
            throw TrackingException.Invalid($"The request body is not valid{where}{position}: {what}.");
        }
    }
}
