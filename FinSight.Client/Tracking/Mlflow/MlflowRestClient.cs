using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace FinSight.Client.Tracking.Mlflow;

/// <summary>MLflow's REST API (<c>/api/2.0/mlflow</c>, <c>/api/2.0/mlflow-artifacts</c>) over one HttpClient, errors turned into <see cref="MlflowApiException"/>.</summary>
internal sealed class MlflowRestClient : IDisposable
{
    /// <summary>snake_case as MLflow's JSON; NaN and ±Infinity as "NaN", "Infinity", "-Infinity" (protobuf's JSON mapping).</summary>
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient _http;

    public MlflowRestClient(MlflowTrackerOptions options)
    {
        if (options.TrackingUri is not { IsAbsoluteUri: true } uri)
            throw new ArgumentException("MlflowTrackerOptions.TrackingUri is required, e.g. http://localhost:5000 (or set MLFLOW_TRACKING_URI).");
        var text = uri.ToString();
        _http = new HttpClient(options.HttpMessageHandlerFactory?.Invoke() ?? new SocketsHttpHandler())
        {
            BaseAddress = new Uri(text.EndsWith('/') ? text : text + "/"),
        };
        if (!string.IsNullOrEmpty(options.Token))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
        }
        else if (!string.IsNullOrEmpty(options.Username))
        {
            var pair = Convert.ToBase64String(Encoding.UTF8.GetBytes(options.Username + ":" + options.Password));
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", pair);
        }
    }

    public async Task<JsonNode> GetAsync(string method, string query, CancellationToken ct)
    {
        using var response = await _http.GetAsync($"api/2.0/mlflow/{method}?{query}", ct).ConfigureAwait(false);
        return await ReadAsync(response, ct).ConfigureAwait(false);
    }

    public async Task<JsonNode> PostAsync(string method, object body, CancellationToken ct)
    {
        using var response = await _http.PostAsJsonAsync($"api/2.0/mlflow/{method}", body, Json, ct).ConfigureAwait(false);
        return await ReadAsync(response, ct).ConfigureAwait(false);
    }

    /// <summary>Uploads a file through the server's artifact proxy, streamed from disk.</summary>
    public async Task PutArtifactAsync(string path, string localFile, CancellationToken ct)
    {
        var encoded = string.Join('/', path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.EscapeDataString));
        await using var file = new FileStream(localFile, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        using var content = new StreamContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await _http.PutAsync($"api/2.0/mlflow-artifacts/artifacts/{encoded}", content, ct).ConfigureAwait(false);
        await ReadAsync(response, ct).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        JsonNode? body = null;
        try
        {
            body = text.Length == 0 ? new JsonObject() : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's error page): reported below with the status.
        }
        if (response.IsSuccessStatusCode && body is not null) return body;
        var code = body?["error_code"]?.GetValue<string>() ?? StatusCode(response.StatusCode);
        var message = body?["message"]?.GetValue<string>() ?? (text.Length > 200 ? text[..200] : text);
        throw new MlflowApiException(response.StatusCode, code, message);
    }

    private static string StatusCode(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "UNAUTHENTICATED",
        HttpStatusCode.Forbidden => "PERMISSION_DENIED",
        HttpStatusCode.NotFound => "ENDPOINT_NOT_FOUND",
        _ => "INTERNAL_ERROR",
    };
}
