using System.Buffers;
using System.Globalization;
using FinSight.Core.Artifacts;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Configuration;
using FinSight.Dashboard.Data;
using Microsoft.Extensions.Options;

namespace FinSight.Dashboard.Artifacts;

/// <summary>
/// Artifacts as files under <c>Artifacts:Root/&lt;experimentId&gt;/&lt;runId&gt;/&lt;path&gt;</c>. Besides the path rules, every
/// path is resolved and must stay inside the run's folder, and no symbolic link on the way may lead out of it.
/// Uploads go to a hidden file beside the target and are renamed over it only when complete.
/// </summary>
public sealed class LocalArtifactStore : IArtifactStore
{
    private const int BufferSize = 128 * 1024;

    public LocalArtifactStore(IOptions<ArtifactOptions> options, DatabaseLocation database)
    {
        var configured = options.Value.Root;
        Root = Path.GetFullPath(!string.IsNullOrWhiteSpace(configured) ? configured
            : database.FilePath is { } file ? Path.Combine(Path.GetDirectoryName(file)!, "artifacts")
            : Path.Combine("data", "artifacts"));
    }

    /// <summary>The absolute folder holding every experiment's artifacts.</summary>
    public string Root { get; }

    public Task<IReadOnlyList<ArtifactEntry>?> ListAsync(ArtifactRun run, string folder, CancellationToken cancellationToken)
    {
        var runFolder = RunFolder(run);
        var full = Resolve(runFolder, folder);
        if (!Directory.Exists(full)) return Task.FromResult<IReadOnlyList<ArtifactEntry>?>(folder.Length == 0 && !File.Exists(full) ? [] : null);
        var entries = new DirectoryInfo(full).EnumerateFileSystemInfos()
            .Where(Visible)
            .Select(info => Entry(ArtifactPaths.Combine(folder, info.Name), info))
            .OrderByDescending(e => e.IsDirectory).ThenBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult<IReadOnlyList<ArtifactEntry>?>(entries);
    }

    public Task<IReadOnlyList<ArtifactEntry>> ListFilesAsync(ArtifactRun run, int limit, CancellationToken cancellationToken)
    {
        var runFolder = RunFolder(run);
        if (!Directory.Exists(runFolder)) return Task.FromResult<IReadOnlyList<ArtifactEntry>>([]);
        var files = new DirectoryInfo(runFolder)
            .EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Where(Visible)
            .Select(f => Entry(Path.GetRelativePath(runFolder, f.FullName).Replace(Path.DirectorySeparatorChar, '/'), f))
            .Take(limit)
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult<IReadOnlyList<ArtifactEntry>>(files);
    }

    public Task<ArtifactEntry?> GetAsync(ArtifactRun run, string path, CancellationToken cancellationToken)
    {
        var full = Resolve(RunFolder(run), path);
        FileSystemInfo? info = File.Exists(full) ? new FileInfo(full) : Directory.Exists(full) ? new DirectoryInfo(full) : null;
        return Task.FromResult(info is null ? null : Entry(path, info));
    }

    public Task<Stream?> OpenReadAsync(ArtifactRun run, string path, CancellationToken cancellationToken)
    {
        var full = Resolve(RunFolder(run), path);
        if (!File.Exists(full)) return Task.FromResult<Stream?>(null);
        try
        {
            // FileShare.Delete: a download in progress does not stop a replacement or a delete.
            return Task.FromResult<Stream?>(new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, FileOptions.Asynchronous));
        }
        catch (FileNotFoundException)
        {
            return Task.FromResult<Stream?>(null); // deleted in between
        }
    }

    public async Task<ArtifactEntry> WriteAsync(ArtifactRun run, string path, Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var runFolder = RunFolder(run);
        var target = Resolve(runFolder, path);
        if (Directory.Exists(target))
            throw TrackingException.Conflict($"The artifact path {ArtifactPaths.Quote(path)} is a folder; delete it first or choose another name.");
        var created = CreateFolders(runFolder, ArtifactPaths.ParentOf(path));
        var temp = Path.Combine(Path.GetDirectoryName(target)!, ArtifactPaths.ReservedPrefix + Guid.NewGuid().ToString("N"));
        var stored = false;
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
                await CopyLimitedAsync(content, file, maxBytes, cancellationToken);
            File.Move(temp, target, overwrite: true); // a rename: readers see the old file or the whole new one
            stored = true;
        }
        finally
        {
            if (!stored)
            {
                File.Delete(temp);
                RemoveIfEmpty(created);
            }
        }
        return Entry(path, new FileInfo(target));
    }

    public Task<bool> DeleteAsync(ArtifactRun run, string path, CancellationToken cancellationToken)
    {
        var full = Resolve(RunFolder(run), path);
        if (File.Exists(full) || new FileInfo(full).LinkTarget is not null) File.Delete(full);
        else if (Directory.Exists(full)) Directory.Delete(full, recursive: true); // removes links inside, never what they point to
        else return Task.FromResult(false);
        return Task.FromResult(true);
    }

    private static async Task CopyLimitedAsync(Stream source, Stream destination, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
            {
                total += read;
                if (total > maxBytes) throw new ArtifactTooLargeException(maxBytes);
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private string RunFolder(ArtifactRun run)
    {
        // Ids come from the database; checked again because they become folder names.
        if (run.ExperimentId < 0 || !RunIds.IsValid(run.RunId)) throw TrackingException.Invalid($"Run '{run.RunId}' is not a run id.");
        return Path.Combine(Root, run.ExperimentId.ToString(CultureInfo.InvariantCulture), run.RunId);
    }

    /// <summary>The absolute location of <paramref name="path"/>, refused unless it and every link on the way stay inside the run's folder.</summary>
    private static string Resolve(string runFolder, string path)
    {
        var full = Path.GetFullPath(Path.Combine(runFolder, path));
        if (!IsInside(runFolder, full)) throw Outside(path);
        var current = runFolder;
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, segment);
            var info = new FileInfo(current);
            if (info.LinkTarget is null) continue;
            var target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
            if (target is null || !IsInside(runFolder, Path.GetFullPath(target))) throw Outside(path);
        }
        return full;
    }

    private static bool IsInside(string folder, string full) =>
        full.Equals(folder, StringComparison.Ordinal) || full.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static TrackingException Outside(string path) =>
        TrackingException.Invalid($"The artifact path {ArtifactPaths.Quote(path)} leads outside the run's artifact folder.");

    /// <summary>Creates the run's folder and <paramref name="folder"/> in it; returns those it made, deepest last, to remove after a failed upload.</summary>
    private static List<string> CreateFolders(string runFolder, string folder)
    {
        var created = new List<string>();
        var chain = new List<string> { Path.GetDirectoryName(runFolder)!, runFolder };
        var current = runFolder;
        foreach (var segment in folder.Split('/', StringSplitOptions.RemoveEmptyEntries)) chain.Add(current = Path.Combine(current, segment));
        foreach (var path in chain)
        {
            if (Directory.Exists(path)) continue;
            if (File.Exists(path))
                throw TrackingException.Conflict($"The artifact path {ArtifactPaths.Quote(Path.GetRelativePath(runFolder, path))} is a file, so it cannot hold other files.");
            Directory.CreateDirectory(path);
            created.Add(path);
        }
        return created;
    }

    private static void RemoveIfEmpty(List<string> created)
    {
        for (var i = created.Count - 1; i >= 0; i--)
        {
            if (Directory.Exists(created[i]) && !Directory.EnumerateFileSystemEntries(created[i]).Any()) Directory.Delete(created[i]);
        }
    }

    private static bool Visible(FileSystemInfo info) =>
        !info.Name.StartsWith(ArtifactPaths.ReservedPrefix, StringComparison.OrdinalIgnoreCase) && info.LinkTarget is null;

    private static ArtifactEntry Entry(string path, FileSystemInfo info) => new(
        path, ArtifactPaths.NameOf(path), info is DirectoryInfo, info is FileInfo file ? file.Length : null,
        new DateTimeOffset(info.LastWriteTimeUtc).ToUnixTimeMilliseconds());
}
