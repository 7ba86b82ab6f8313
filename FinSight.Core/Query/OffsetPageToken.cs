using System.Text;
using FinSight.Core.Tracking;

namespace FinSight.Core.Query;

/// <summary>
/// The <c>page_token</c> of paged answers (MLflow's searches and metric history, the registry's searches): where the
/// next page starts, as opaque text (base64 of <c>{"offset": n}</c>, which is also what MLflow's own server hands out).
/// </summary>
public static class OffsetPageToken
{
    /// <summary>The token of the page starting at <paramref name="offset"/>.</summary>
    public static string Encode(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"offset\": {offset}}}"));

    /// <summary>The token of the page after one that started at <paramref name="offset"/> and held <paramref name="count"/> items; null when <paramref name="more"/> is false.</summary>
    public static string? Next(int offset, int count, bool more) => more ? Encode(offset + count) : null;

    /// <summary>The offset the token stands for; 0 for none. A token not made here is refused.</summary>
    public static int Decode(string? token)
    {
        if (string.IsNullOrEmpty(token)) return 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            using var json = System.Text.Json.JsonDocument.Parse(text);
            if (json.RootElement.TryGetProperty("offset", out var offset) && offset.TryGetInt32(out var value) && value >= 0) return value;
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            // Answered below.
        }
        throw TrackingException.Invalid($"page_token '{TrackingValidator.Truncate(token)}' is not a page token from a previous search; pass next_page_token as it was given.");
    }

    /// <summary>Checks <c>max_results</c>: absent gives <paramref name="defaultValue"/>; at most <paramref name="limit"/>.</summary>
    public static int MaxResults(int? maxResults, int defaultValue, int limit)
    {
        if (maxResults is not { } value) return defaultValue;
        if (value < 1 || value > limit)
            throw TrackingException.Invalid($"max_results {value} is out of range; it must be between 1 and {limit}.");
        return value;
    }
}
