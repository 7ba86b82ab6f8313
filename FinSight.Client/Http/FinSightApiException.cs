using System.Net;

namespace FinSight.Client.Http;

/// <summary>The FinSight server refused an HTTP request; <see cref="Exception.Message"/> carries the problem's detail.</summary>
public sealed class FinSightApiException(HttpStatusCode statusCode, string message) : Exception(message)
{
    /// <summary>The HTTP status the server answered.</summary>
    public HttpStatusCode StatusCode { get; } = statusCode;
}
