namespace FinSight.Core.Tracking;

/// <summary>
/// Metric, param and tag keys: letters, digits, <c>_ - . / space :</c>, at most the configured
/// length, no empty or <c>..</c> path segment. These are MLflow's rules, so keys stay portable
/// and can name files under a run's folder.
/// </summary>
public static class KeyRules
{
    /// <summary>Null when <paramref name="key"/> is acceptable, otherwise the rule it breaks.</summary>
    public static string? Check(string? key, int maxLength)
    {
        if (string.IsNullOrEmpty(key)) return "is required";
        if (key.Length > maxLength) return $"is {key.Length} characters long; the limit is {maxLength}";
        foreach (var c in key)
        {
            if (!char.IsLetterOrDigit(c) && c is not ('_' or '-' or '.' or '/' or ' ' or ':'))
                return $"contains '{Printable(c)}'; keys may hold only letters, digits, '_', '-', '.', '/', ' ' and ':'";
        }
        if (key.StartsWith('/') || key.EndsWith('/') || key.Contains("//"))
            return "has an empty path segment ('/' at the start, at the end or twice in a row)";
        foreach (var segment in key.Split('/'))
        {
            if (segment == "..") return "has a '..' path segment";
        }
        return null;
    }

    private static string Printable(char c) => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString();
}
