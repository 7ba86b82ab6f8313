using System.Text;

namespace FinSight.Dashboard.Apis.Mlflow;

/// <summary>
/// MLflow's opaque page tokens: here the offset of the next page, base64-encoded as <c>{"offset": n}</c>. A token
/// that does not decode is refused rather than read as the first page.
/// </summary>
public static class MlflowPageToken
{
    private const string Prefix = "{\"offset\": ";

    public static int Offset(string? token)
    {
        if (string.IsNullOrEmpty(token)) return 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith(Prefix, StringComparison.Ordinal) && text.EndsWith('}')
                && int.TryParse(text.AsSpan(Prefix.Length, text.Length - Prefix.Length - 1), System.Globalization.NumberStyles.None, null, out var offset))
                return offset;
        }
        catch (FormatException)
        {
            // Reported below, like any other token that is not ours.
        }
        throw MlflowException.InvalidParameter($"Invalid page token '{(token.Length <= 40 ? token : token[..37] + "...")}'; pass the next_page_token of the previous answer unchanged.");
    }

    /// <summary>The token of the page after one that started at <paramref name="offset"/> and held <paramref name="count"/> items, or null when none follows.</summary>
    public static string? Next(int offset, int count, bool more) =>
        more ? Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Prefix}{offset + count}}}")) : null;

    /// <summary>Checks max_results against MLflow's bounds.</summary>
    public static int MaxResults(int? maxResults, int defaultValue, int limit, string field = "max_results")
    {
        var value = maxResults ?? defaultValue;
        if (value < 1 || value > limit)
            throw MlflowException.InvalidParameter($"Invalid value {value} for parameter '{field}' supplied. It must be at most {limit}, and at least 1.");
        return value;
    }
}
