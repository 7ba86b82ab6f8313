using System.Security.Claims;
using FinSight.Core.Access;
using FinSight.Core.Artifacts;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Configuration;
using Microsoft.Extensions.Options;

namespace FinSight.Dashboard.Artifacts;

/// <summary>
/// The one way in to run artifacts, for the HTTP APIs, MLflow's routes, the run page and reports: the path is checked
/// and normalised first (400 naming the rule), then the run must exist (404) and the caller needs READ on its
/// experiment to list and download, EDIT to upload and delete (403).
/// </summary>
public sealed class ArtifactService(ExperimentAccess access, IArtifactStore store, IOptions<ArtifactOptions> options)
{
    /// <summary>Most files a report lists.</summary>
    public const int MaxReportFiles = 1000;

    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    /// <summary>A file's normalised path; 400 naming the rule it breaks.</summary>
    public string FilePath(string? path) => Normalize(path, allowRoot: false);

    /// <summary>A folder's normalised path ("" for the run's own folder); 400 naming the rule it breaks.</summary>
    public string FolderPath(string? path) => Normalize(path, allowRoot: true);

    /// <summary>The run's artifacts, after a READ or EDIT check; 404 when the run does not exist.</summary>
    public async Task<ArtifactRun> RunAsync(ClaimsPrincipal caller, string runId, PermissionLevel needed, CancellationToken cancellationToken) =>
        new(await access.RequireRunAsync(caller, runId, needed, cancellationToken), runId);

    /// <summary>What is directly in a folder of the run; 404 when there is no such folder (the run's own folder is simply empty).</summary>
    public async Task<(string Folder, IReadOnlyList<ArtifactEntry> Entries)> ListAsync(ClaimsPrincipal caller, string runId, string? folder, CancellationToken cancellationToken)
    {
        var normalized = FolderPath(folder);
        var run = await RunAsync(caller, runId, PermissionLevel.Read, cancellationToken);
        var entries = await TryListAsync(run, normalized, cancellationToken)
            ?? throw TrackingException.NotFound($"Run '{runId}' has no artifact folder {ArtifactPaths.Quote(normalized)}.");
        return (normalized, entries);
    }

    /// <summary>What is directly in a normalised folder of a run already checked; null when there is no such folder.</summary>
    public Task<IReadOnlyList<ArtifactEntry>?> TryListAsync(ArtifactRun run, string normalized, CancellationToken cancellationToken) =>
        store.ListAsync(run, normalized, cancellationToken);

    /// <summary>Every file of the run at any depth (at most <see cref="MaxReportFiles"/>), for reports.</summary>
    public async Task<IReadOnlyList<ArtifactEntry>> ListFilesAsync(ClaimsPrincipal caller, string runId, CancellationToken cancellationToken)
    {
        var run = await RunAsync(caller, runId, PermissionLevel.Read, cancellationToken);
        return await store.ListFilesAsync(run, MaxReportFiles, cancellationToken);
    }

    /// <summary>A file to read (the caller disposes the stream) and what it is; 404 when there is no such file.</summary>
    public async Task<(Stream Content, ArtifactEntry File)> OpenAsync(ClaimsPrincipal caller, string runId, string? path, CancellationToken cancellationToken)
    {
        var normalized = FilePath(path);
        var run = await RunAsync(caller, runId, PermissionLevel.Read, cancellationToken);
        return await OpenAsync(run, normalized, cancellationToken);
    }

    /// <summary>As <see cref="OpenAsync(ClaimsPrincipal, string, string?, CancellationToken)"/> for a run already checked.</summary>
    public async Task<(Stream Content, ArtifactEntry File)> OpenAsync(ArtifactRun run, string normalized, CancellationToken cancellationToken)
    {
        var missing = TrackingException.NotFound($"Run '{run.RunId}' has no artifact file {ArtifactPaths.Quote(normalized)}.");
        var entry = await store.GetAsync(run, normalized, cancellationToken);
        if (entry is null || entry.IsDirectory) throw missing;
        var content = await store.OpenReadAsync(run, normalized, cancellationToken) ?? throw missing;
        return (content, entry);
    }

    /// <summary>
    /// Stores <paramref name="content"/> as the file at <paramref name="path"/>, replacing one there. A declared length
    /// over the limit is refused before anything is read; the limit holds while streaming whatever was declared.
    /// </summary>
    public async Task<ArtifactEntry> UploadAsync(ClaimsPrincipal caller, string runId, string? path, Stream content, long? declaredLength, CancellationToken cancellationToken)
    {
        var normalized = FilePath(path);
        if (declaredLength > MaxUploadBytes) throw new ArtifactTooLargeException(MaxUploadBytes);
        var run = await RunAsync(caller, runId, PermissionLevel.Edit, cancellationToken);
        return await store.WriteAsync(run, normalized, content, MaxUploadBytes, cancellationToken);
    }

    /// <summary>Deletes a file or a folder with everything in it; 404 when there is nothing at <paramref name="path"/>.</summary>
    public async Task DeleteAsync(ClaimsPrincipal caller, string runId, string? path, CancellationToken cancellationToken)
    {
        var normalized = FilePath(path);
        var run = await RunAsync(caller, runId, PermissionLevel.Edit, cancellationToken);
        if (!await store.DeleteAsync(run, normalized, cancellationToken))
            throw TrackingException.NotFound($"Run '{runId}' has no artifact {ArtifactPaths.Quote(normalized)}.");
    }

    private string Normalize(string? path, bool allowRoot) =>
        ArtifactPaths.Normalize(path, options.Value.MaxPathLength, allowRoot, out var normalized) is { } problem
            ? throw TrackingException.Invalid($"The artifact path {ArtifactPaths.Quote(path)} {problem}.")
            : normalized;
}
