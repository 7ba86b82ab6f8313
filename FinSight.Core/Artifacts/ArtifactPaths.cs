using System.Text;

namespace FinSight.Core.Artifacts;

/// <summary>
/// The rules for a path inside a run's artifact folder. A path is normalised ("a/./b" → "a/b", a leading "./" and
/// doubled slashes dropped) and refused when it could name anything outside that folder or means different things on
/// different systems: <c>..</c> segments, absolute paths and drive letters, backslashes, control characters (NUL
/// among them), percent-encoded dots, slashes, backslashes or NUL left over after the URL was decoded, and names the
/// store keeps for itself. Stores check the resolved location again; these rules are the first wall.
/// </summary>
public static class ArtifactPaths
{
    /// <summary>Names starting with this are the store's unfinished uploads; no artifact may use it.</summary>
    public const string ReservedPrefix = ".finsight-upload-";

    /// <summary>The longest name of one file or folder most file systems allow.</summary>
    public const int MaxSegmentLength = 255;

    private static readonly string[] EncodedTraversal = ["%2e", "%2f", "%5c", "%00"];

    /// <summary>
    /// Normalises <paramref name="path"/> into <paramref name="normalized"/>; returns null when it is acceptable,
    /// otherwise the rule it breaks (a phrase to follow "the artifact path …"). With <paramref name="allowRoot"/> an
    /// empty path (the run's own folder, for listing) is accepted and normalises to "".
    /// </summary>
    public static string? Normalize(string? path, int maxLength, bool allowRoot, out string normalized)
    {
        normalized = "";
        if (string.IsNullOrEmpty(path)) return allowRoot ? null : "is required";
        if (path.Length > maxLength) return $"is {path.Length} characters long; the limit is {maxLength}";
        foreach (var c in path)
        {
            if (char.IsControl(c)) return $"contains the control character {Printable(c)}; names may not hold control characters (NUL among them)";
            if (c == '\\') return "contains a backslash ('\\'); separate folders with '/'";
        }
        foreach (var encoded in EncodedTraversal)
        {
            if (path.Contains(encoded, StringComparison.OrdinalIgnoreCase))
                return $"contains the percent-encoded '{encoded}'; send '.', '/' and other characters unencoded once, not encoded twice";
        }
        if (path.StartsWith('/')) return "is absolute (starts with '/'); give a path relative to the run's artifact folder";
        if (path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':')
            return $"starts with the drive letter '{path[..2]}'; give a path relative to the run's artifact folder";

        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".") continue; // "a//b", "./a" and "a/./b" name the same file as "a/b"
            if (segment.Trim().Trim('.').Length == 0)
                return $"has the segment '{segment}'; '..' and other names made only of dots or spaces are not allowed";
            if (segment.Length > MaxSegmentLength) return $"has a name of {segment.Length} characters; the limit is {MaxSegmentLength}";
            if (segment.StartsWith(ReservedPrefix, StringComparison.OrdinalIgnoreCase))
                return $"has a name starting with '{ReservedPrefix}', which the server keeps for unfinished uploads";
            segments.Add(segment);
        }
        if (segments.Count == 0) return allowRoot ? null : "names no file (it is empty once '.' and '/' are dropped)";
        if (!allowRoot && path.EndsWith('/')) return "ends with '/'; name a file, not a folder";
        normalized = string.Join('/', segments);
        return null;
    }

    /// <summary>The last segment of a normalised path (the file or folder's own name).</summary>
    public static string NameOf(string normalized)
    {
        var slash = normalized.LastIndexOf('/');
        return slash < 0 ? normalized : normalized[(slash + 1)..];
    }

    /// <summary>The folder holding a normalised path ("" for the run's folder).</summary>
    public static string ParentOf(string normalized)
    {
        var slash = normalized.LastIndexOf('/');
        return slash < 0 ? "" : normalized[..slash];
    }

    /// <summary>A normalised folder and a name in it joined ("" + "a" → "a").</summary>
    public static string Combine(string folder, string name) => folder.Length == 0 ? name : $"{folder}/{name}";

    /// <summary>The path as it may be quoted in a message: control characters written as <c>\uXXXX</c>, cut to 200 characters.</summary>
    public static string Quote(string? path)
    {
        if (path is null) return "''";
        var text = new StringBuilder(Math.Min(path.Length, 200) + 2).Append('\'');
        foreach (var c in path.Length > 200 ? path[..200] : path) text.Append(char.IsControl(c) ? Printable(c) : c.ToString());
        return text.Append(path.Length > 200 ? "…'" : "'").ToString();
    }

    private static string Printable(char c) => $"\\u{(int)c:x4}";
}
