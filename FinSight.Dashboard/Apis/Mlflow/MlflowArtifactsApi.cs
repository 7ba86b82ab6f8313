using FinSight.Dashboard.Data.Mlflow;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Serialization;
using FinSight.Core.Access;
using FinSight.Core.Artifacts;
using FinSight.Dashboard.Artifacts;

namespace FinSight.Dashboard.Apis.Mlflow;

/// <summary>
/// MLflow's artifact routes over the same <see cref="ArtifactService"/> as <c>/api/v1</c>. MLflow clients get the run
/// artifact URI <c>mlflow-artifacts:/&lt;experimentId&gt;/&lt;runId&gt;/artifacts</c> and turn it into
/// <c>/api/2.0/mlflow-artifacts/artifacts/&lt;experimentId&gt;/&lt;runId&gt;/artifacts/&lt;path&gt;</c> (upload with PUT, download,
/// DELETE) and <c>GET /api/2.0/mlflow-artifacts/artifacts?path=…</c> (list, basenames as MLflow's server answers);
/// older clients list with <c>GET /api/2.0/mlflow/artifacts/list?run_id=&amp;path=</c> (paths relative to the run).
/// </summary>
public static class MlflowArtifactsApi
{
    /// <summary>Routes on the <c>/api/2.0/mlflow-artifacts</c> group.</summary>
    public static RouteGroupBuilder MapMlflowArtifactsApi(this RouteGroupBuilder artifacts)
    {
        artifacts.MapGet("/artifacts", List);
        artifacts.MapPut("/artifacts/{**artifactPath}", Upload);
        artifacts.MapGet("/artifacts/{**artifactPath}", Download);
        artifacts.MapDelete("/artifacts/{**artifactPath}", Delete);
        return artifacts;
    }

    /// <summary>The tracking API's listing, on the <c>/api/2.0/mlflow</c> group.</summary>
    public static RouteGroupBuilder MapMlflowRunArtifactsApi(this RouteGroupBuilder tracking)
    {
        tracking.MapGet("/artifacts/list", ListRunArtifacts);
        return tracking;
    }

    public static async Task<IResult> Upload(string artifactPath, HttpContext context, ClaimsPrincipal caller, ArtifactService artifacts, CancellationToken ct)
    {
        var (run, path) = await ResolveAsync(caller, artifactPath, PermissionLevel.Edit, artifacts, requireFile: true, ct);
        try
        {
            await ArtifactsApi.UploadBodyAsync(context, caller, run.RunId, path, artifacts, ct);
        }
        catch (ArtifactTooLargeException e)
        {
            throw MlflowException.InvalidParameter(e.Message);
        }
        return TypedResults.Content("{}", "application/json");
    }

    public static async Task<IResult> Download(string artifactPath, HttpContext context, ClaimsPrincipal caller, ArtifactService artifacts, CancellationToken ct)
    {
        var (run, path) = await ResolveAsync(caller, artifactPath, PermissionLevel.Read, artifacts, requireFile: true, ct);
        var (content, file) = await artifacts.OpenAsync(run, path, ct);
        return ArtifactsApi.FileDownload(context, content, file);
    }

    public static async Task<IResult> Delete(string artifactPath, ClaimsPrincipal caller, ArtifactService artifacts, CancellationToken ct)
    {
        var (run, path) = await ResolveAsync(caller, artifactPath, PermissionLevel.Edit, artifacts, requireFile: true, ct);
        await artifacts.DeleteAsync(caller, run.RunId, path, ct);
        return TypedResults.Content("{}", "application/json");
    }

    /// <param name="path"><c>&lt;experimentId&gt;/&lt;runId&gt;/artifacts[/&lt;folder&gt;]</c>.</param>
    public static async Task<IResult> List(string? path, ClaimsPrincipal caller, ArtifactService artifacts, CancellationToken ct)
    {
        var (run, folder) = await ResolveAsync(caller, path, PermissionLevel.Read, artifacts, requireFile: false, ct);
        // MLflow's server lists a folder that does not exist as empty, and names entries by their basename.
        var entries = await artifacts.TryListAsync(run, folder, ct) ?? [];
        return TypedResults.Json(new MlflowArtifactList(entries.Select(e => FileInfoOf(e, e.Name)).ToList()));
    }

    /// <param name="run_id">The run (older clients send <c>run_uuid</c>).</param>
    /// <param name="path">A folder relative to the run's artifact root; the root when absent.</param>
    /// <param name="page_token">Accepted and ignored: every entry comes in one page.</param>
    public static async Task<IResult> ListRunArtifacts(string? run_id, string? run_uuid, string? path, string? page_token, ClaimsPrincipal caller,
        ArtifactService artifacts, CancellationToken ct)
    {
        var runId = run_id ?? run_uuid;
        if (string.IsNullOrEmpty(runId)) throw MlflowException.InvalidParameter("Missing value for required parameter 'run_id'.");
        var folder = artifacts.FolderPath(path);
        var run = await artifacts.RunAsync(caller, runId, PermissionLevel.Read, ct);
        var entries = await artifacts.TryListAsync(run, folder, ct) ?? [];
        return TypedResults.Json(new MlflowRunArtifactList(MlflowArtifactUris.Run(run.ExperimentId, run.RunId), entries.Select(e => FileInfoOf(e, e.Path)).ToList()));
    }

    /// <summary>
    /// Splits <c>&lt;experimentId&gt;/&lt;runId&gt;/artifacts/&lt;path&gt;</c> into the run (access checked) and the normalised path
    /// inside it; the experiment named must be the run's.
    /// </summary>
    private static async Task<(ArtifactRun Run, string Path)> ResolveAsync(ClaimsPrincipal caller, string? artifactPath, PermissionLevel needed,
        ArtifactService artifacts, bool requireFile, CancellationToken ct)
    {
        var segments = artifacts.FolderPath(artifactPath).Split('/');
        if (segments.Length < 3 || segments[2] != MlflowArtifactUris.ArtifactsSegment || !long.TryParse(segments[0], NumberStyles.None, CultureInfo.InvariantCulture, out var experimentId))
            throw MlflowException.InvalidParameter(
                $"The artifact path {ArtifactPaths.Quote(artifactPath)} must start with '<experimentId>/<runId>/artifacts', as in the run's artifact_uri.");
        var rest = string.Join('/', segments.Skip(3));
        var path = requireFile ? artifacts.FilePath(rest) : rest;
        var run = await artifacts.RunAsync(caller, segments[1], needed, ct);
        if (run.ExperimentId != experimentId)
            throw MlflowException.InvalidParameter($"Run '{run.RunId}' belongs to experiment {run.ExperimentId}, not {experimentId}; use the run's artifact_uri.");
        return (run, path);
    }

    private static MlflowFileInfo FileInfoOf(ArtifactEntry entry, string path) => new(path, entry.IsDirectory, entry.IsDirectory ? null : entry.Size);
}

/// <summary>One entry of MLflow's artifact listings; folders carry no size, as in MLflow.</summary>
public sealed record MlflowFileInfo(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("is_dir")] bool IsDir,
    [property: JsonPropertyName("file_size"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? FileSize);

/// <summary>Answer to <c>GET /api/2.0/mlflow-artifacts/artifacts?path=</c>.</summary>
public sealed record MlflowArtifactList([property: JsonPropertyName("files")] IReadOnlyList<MlflowFileInfo> Files);

/// <summary>Answer to <c>GET /api/2.0/mlflow/artifacts/list</c>.</summary>
public sealed record MlflowRunArtifactList(
    [property: JsonPropertyName("root_uri")] string RootUri,
    [property: JsonPropertyName("files")] IReadOnlyList<MlflowFileInfo> Files);
