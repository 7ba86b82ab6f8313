using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsvHelper;
using FinSight.Client.RunFolders;
using FinSight.Core.Contracts;

namespace FinSight.Client.Http;

/// <summary>The calls of FinSight's <c>/api/v1</c> that uploads need, with the server's problem details turned into <see cref="FinSightApiException"/>.</summary>
internal sealed class FinSightHttpApi : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient _http;

    public FinSightHttpApi(FinSightClientOptions options)
    {
        var handler = options.HttpMessageHandlerFactory?.Invoke() ?? new SocketsHttpHandler();
        var baseText = options.ServerUrl!.ToString();
        _http = new HttpClient(handler) { BaseAddress = new Uri(baseText.EndsWith('/') ? baseText : baseText + "/"), Timeout = Timeout.InfiniteTimeSpan };
        if (options.ApiKey is { } key) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }

    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>The experiment's id, creating it when no experiment has the name.</summary>
    public async Task<string> GetOrCreateExperimentAsync(string name, CancellationToken ct)
    {
        if (await FindExperimentAsync(name, ct).ConfigureAwait(false) is { } id) return id;
        using var response = await _http.PostAsJsonAsync("api/v1/experiments", new CreateExperimentRequest { Name = name }, Json, ct).ConfigureAwait(false);
        // Another uploader may have created it between the two calls.
        if (response.StatusCode == HttpStatusCode.Conflict && await FindExperimentAsync(name, ct).ConfigureAwait(false) is { } created) return created;
        return (await ReadAsync<ExperimentInfo>(response, ct).ConfigureAwait(false)).ExperimentId;
    }

    /// <summary>The runs of an experiment whose tag <paramref name="tagKey"/> equals <paramref name="tagValue"/> (from the runs export, which filters on the server).</summary>
    public async Task<IReadOnlyList<(string RunId, string Status)>> FindRunsByTagAsync(string experimentId, string tagKey, string tagValue, CancellationToken ct)
    {
        var filter = $"tags.`{tagKey}` = '{tagValue.Replace("'", "\\'", StringComparison.Ordinal)}'";
        using var response = await _http.GetAsync($"api/v1/experiments/{experimentId}/runs.csv?filter={Uri.EscapeDataString(filter)}", ct).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, ct).ConfigureAwait(false);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var runs = new List<(string, string)>();
        if (!csv.Read() || !csv.ReadHeader()) return runs;
        while (csv.Read()) runs.Add((csv.GetField("run_id")!, csv.GetField("status")!));
        return runs;
    }

    public async Task<StartRunResult> StartRunAsync(StartRunRequest request, CancellationToken ct)
    {
        using var response = await _http.PostAsJsonAsync("api/v1/runs", request, Json, ct).ConfigureAwait(false);
        return await ReadAsync<StartRunResult>(response, ct).ConfigureAwait(false);
    }

    public async Task<BatchAck> LogBatchAsync(string runId, LogBatchRequest request, CancellationToken ct)
    {
        using var response = await _http.PostAsJsonAsync($"api/v1/runs/{runId}/log-batch", request, Json, ct).ConfigureAwait(false);
        return await ReadAsync<BatchAck>(response, ct).ConfigureAwait(false);
    }

    public async Task EndRunAsync(string runId, EndRunRequest request, CancellationToken ct)
    {
        using var response = await _http.PostAsJsonAsync($"api/v1/runs/{runId}/end", request, Json, ct).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, ct).ConfigureAwait(false);
    }

    /// <summary>PUTs one file as the request body, streamed from disk.</summary>
    public async Task<ArtifactStored> PutArtifactAsync(string runId, string localFile, string artifactPath, CancellationToken ct)
    {
        var encoded = string.Join('/', artifactPath.Split('/').Select(Uri.EscapeDataString));
        await using var file = new FileStream(localFile, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        using var content = new StreamContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.ContentLength = file.Length;
        using var response = await _http.PutAsync($"api/v1/runs/{runId}/artifacts/{encoded}", content, ct).ConfigureAwait(false);
        return await ReadAsync<ArtifactStored>(response, ct).ConfigureAwait(false);
    }

    /// <summary>Uploads a file or a folder's files; see <see cref="ArtifactFiles.Enumerate"/>.</summary>
    public async Task<IReadOnlyList<ArtifactStored>> PutArtifactsAsync(string runId, string localPath, string? artifactPath, CancellationToken ct)
    {
        var uploaded = new List<ArtifactStored>();
        foreach (var (file, path) in ArtifactFiles.Enumerate(localPath, artifactPath))
        {
            uploaded.Add(await PutArtifactAsync(runId, file, path, ct).ConfigureAwait(false));
        }
        return uploaded;
    }

    public void Dispose() => _http.Dispose();

    private async Task<string?> FindExperimentAsync(string name, CancellationToken ct)
    {
        using var response = await _http.GetAsync("api/v1/experiments", ct).ConfigureAwait(false);
        var experiments = await ReadAsync<List<ExperimentInfo>>(response, ct).ConfigureAwait(false);
        return experiments.FirstOrDefault(e => e.Name == name && e.LifecycleStage == "active")?.ExperimentId;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        await ThrowIfFailedAsync(response, ct).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<T>(Json, ct).ConfigureAwait(false)
            ?? throw new FinSightApiException(response.StatusCode, $"The server answered {(int)response.StatusCode} with an empty body.");
    }

    /// <summary>Throws with the problem's detail (RFC 7807), or the status and body when the answer is not a problem.</summary>
    private static async Task ThrowIfFailedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        string? detail = null;
        try
        {
            using var problem = JsonDocument.Parse(text);
            if (problem.RootElement.ValueKind == JsonValueKind.Object)
            {
                detail = problem.RootElement.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()
                    : problem.RootElement.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            }
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's page, an empty 401): report the status below.
        }
        var status = (int)response.StatusCode;
        var message = detail ?? (status switch
        {
            401 => "the API key is missing, wrong, expired or revoked",
            403 => "the API key's owner may not do this",
            404 => "not found (check the server address)",
            _ => text.Length > 200 ? text[..200] : text,
        });
        throw new FinSightApiException(response.StatusCode,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} answered {status}: {message}");
    }
}
