using System.Text;
using System.Text.RegularExpressions;

namespace FinSight.Core.Query;

/// <summary>SQL LIKE patterns (% any text, _ any one character), as .NET regexes and as SQLite GLOB patterns.</summary>
public static class LikePattern
{
    /// <summary>A regex matching the whole text the way LIKE does.</summary>
    public static Regex ToRegex(string pattern, bool ignoreCase)
    {
        var regex = new StringBuilder("^");
        foreach (var c in pattern)
        {
            regex.Append(c switch
            {
                '%' => ".*",
                '_' => ".",
                _ => Regex.Escape(c.ToString()),
            });
        }
        regex.Append('$');
        var options = RegexOptions.Singleline | RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        return new Regex(regex.ToString(), options);
    }

    /// <summary>
    /// The same pattern for SQLite's GLOB, which is case-sensitive where SQLite's LIKE is not:
    /// % becomes *, _ becomes ?, and GLOB's own wildcards are bracketed to stand for themselves.
    /// </summary>
    public static string ToGlob(string pattern)
    {
        var glob = new StringBuilder();
        foreach (var c in pattern)
        {
            glob.Append(c switch
            {
                '%' => "*",
                '_' => "?",
                '*' => "[*]",
                '?' => "[?]",
                '[' => "[[]",
                _ => c.ToString(),
            });
        }
        return glob.ToString();
    }
}
