namespace FinSight.Dashboard.Artifacts;

/// <summary>
/// Where run artifacts are kept. Paths given here are already normalised by <see cref="FinSight.Core.Artifacts.ArtifactPaths"/>
/// ("" is the run's folder); a store still makes sure each one resolves inside the run's folder.
/// </summary>
public interface IArtifactStore
{
    /// <summary>The files and folders directly in <paramref name="folder"/>, folders first; null when there is no such folder.</summary>
    Task<IReadOnlyList<ArtifactEntry>?> ListAsync(ArtifactRun run, string folder, CancellationToken cancellationToken);

    /// <summary>Every file of the run, at any depth, by path; at most <paramref name="limit"/> of them.</summary>
    Task<IReadOnlyList<ArtifactEntry>> ListFilesAsync(ArtifactRun run, int limit, CancellationToken cancellationToken);

    /// <summary>The file or folder at <paramref name="path"/>, or null.</summary>
    Task<ArtifactEntry?> GetAsync(ArtifactRun run, string path, CancellationToken cancellationToken);

    /// <summary>The file's contents to read (the caller disposes it), or null when there is no such file.</summary>
    Task<Stream?> OpenReadAsync(ArtifactRun run, string path, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="content"/> at <paramref name="path"/>, replacing a file there, as it arrives: never all
    /// in memory. Readers see the old file or the whole new one; an upload that fails or passes
    /// <paramref name="maxBytes"/> (<see cref="ArtifactTooLargeException"/>) leaves nothing behind.
    /// </summary>
    Task<ArtifactEntry> WriteAsync(ArtifactRun run, string path, Stream content, long maxBytes, CancellationToken cancellationToken);

    /// <summary>Deletes the file, or the folder with everything in it; false when there was nothing there.</summary>
    Task<bool> DeleteAsync(ArtifactRun run, string path, CancellationToken cancellationToken);
}
