using System.Security.Claims;
using FinSight.Core.Contracts;
using FinSight.Dashboard.Artifacts;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace FinSight.Dashboard.Apis;

/// <summary>
/// <c>/api/v1/runs/{runId}/artifacts</c>: upload (the raw file as the body, streamed), list a folder, download and
/// delete. Paths may hold '/' (catch-all route values), so listing takes its folder as the <c>path</c> query parameter.
/// </summary>
public static class ArtifactsApi
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static RouteGroupBuilder MapArtifactsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/runs/{runId}/artifacts");
        group.MapGet("", List);
        group.MapPut("/{**artifactPath}", Upload);
        group.MapGet("/{**artifactPath}", Download);
        group.MapDelete("/{**artifactPath}", Delete);
        return api;
    }

    public static async Task<Ok<ArtifactListing>> List(string runId, string? path, ClaimsPrincipal caller, ArtifactService artifacts, CancellationToken ct)
    {
        var (folder, entries) = await artifacts.ListAsync(caller, runId, path, ct);
        return TypedResults.Ok(new ArtifactListing(folder, entries.Select(e => new ArtifactFileInfo(e.Path, e.IsDirectory, e.Size)).ToList()));
    }

    public static async Task<Results<Created<ArtifactStored>, ProblemHttpResult>> Upload(
        string runId, string artifactPath, HttpContext context, ClaimsPrincipal caller, ArtifactService artifacts, CancellationToken ct)
    {
        try
        {
            var stored = await UploadBodyAsync(context, caller, runId, artifactPath, artifacts, ct);
            return TypedResults.Created($"/api/v1/runs/{runId}/artifacts/{EscapePath(stored.Path)}", new ArtifactStored(stored.Path, stored.Size ?? 0));
        }
        catch (ArtifactTooLargeException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large");
        }
    }

    /// <summary>
    /// Streams the request body into the store. Kestrel cuts request bodies at 30 MB by default; here the limit is
    /// Artifacts:MaxUploadBytes for this request only, and Kestrel's own refusal reads as ours.
    /// </summary>
    public static async Task<ArtifactEntry> UploadBodyAsync(HttpContext context, ClaimsPrincipal caller, string runId, string? path, ArtifactService artifacts, CancellationToken ct)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = artifacts.MaxUploadBytes + 1;
        try
        {
            return await artifacts.UploadAsync(caller, runId, path, context.Request.Body, context.Request.ContentLength, ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new ArtifactTooLargeException(artifacts.MaxUploadBytes);
        }
    }

    public static async Task<FileStreamHttpResult> Download(string runId, string artifactPath, HttpContext context, ClaimsPrincipal caller, ArtifactService artifacts, CancellationToken ct)
    {
        var (content, file) = await artifacts.OpenAsync(caller, runId, artifactPath, ct);
        return FileDownload(context, content, file);
    }

    /// <summary>A stored file as an attachment with its type, name and time; ranges allowed (resumed downloads, media).</summary>
    public static FileStreamHttpResult FileDownload(HttpContext context, Stream content, ArtifactEntry file)
    {
        ProtectFromRendering(context.Response);
        return TypedResults.File(content, ContentTypeOf(file.Name), file.Name,
            lastModified: DateTimeOffset.FromUnixTimeMilliseconds(file.ModifiedTime), enableRangeProcessing: true);
    }

    public static async Task<NoContent> Delete(string runId, string artifactPath, ClaimsPrincipal caller, ArtifactService artifacts, CancellationToken ct)
    {
        await artifacts.DeleteAsync(caller, runId, artifactPath, ct);
        return TypedResults.NoContent();
    }

    /// <summary>The content type for a file name ("application/octet-stream" when the extension says nothing).</summary>
    public static string ContentTypeOf(string name) => ContentTypes.TryGetContentType(name, out var type) ? type : "application/octet-stream";

    /// <summary>Each segment escaped, the slashes kept: the path as it goes in a URL.</summary>
    public static string EscapePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    /// <summary>
    /// Artifacts are anyone's files served from the dashboard's own origin: an HTML or SVG file opened directly must
    /// never run script with the viewer's session. Images still draw in &lt;img&gt; (these headers apply to documents).
    /// </summary>
    public static void ProtectFromRendering(HttpResponse response)
    {
        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        response.Headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";
    }
}
