namespace FinSight.Client.RunFolders;

/// <summary>Turns "log this file or folder as an artifact at this path" into (local file, artifact path) pairs.</summary>
public static class ArtifactFiles
{
    /// <summary>
    /// A file gives one pair, at <paramref name="artifactPath"/> or its own name; a folder gives every file under it,
    /// at <paramref name="artifactPath"/> (or the folder's name) joined with the file's path relative to the folder.
    /// Artifact paths use '/' and never leave the run's artifact root.
    /// </summary>
    /// <exception cref="FileNotFoundException"><paramref name="localPath"/> is neither a file nor a folder.</exception>
    /// <exception cref="ArgumentException"><paramref name="artifactPath"/> is absolute or has a '..' segment.</exception>
    public static IEnumerable<(string LocalFile, string ArtifactPath)> Enumerate(string localPath, string? artifactPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(localPath);
        var full = Path.GetFullPath(localPath);
        var root = Normalize(artifactPath ?? Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar)));
        if (File.Exists(full)) return [(full, root)];
        if (!Directory.Exists(full)) throw new FileNotFoundException($"No file or folder at '{localPath}' to log as an artifact.", localPath);
        return Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(file => (file, Join(root, Path.GetRelativePath(full, file).Replace(Path.DirectorySeparatorChar, '/'))))
            .ToList();
    }

    private static string Join(string root, string relative) => root.Length == 0 ? relative : root + "/" + relative;

    private static string Normalize(string path)
    {
        var text = path.Replace('\\', '/').Trim('/');
        if (Path.IsPathRooted(path) || text.Split('/').Any(segment => segment == ".."))
            throw new ArgumentException($"artifactPath '{path}' must be relative and must not contain '..' segments.", "artifactPath");
        return text;
    }
}
