using FinSight.Core.Tracking;

namespace FinSight.Core.Registry;

/// <summary>One sort key of a registry search.</summary>
public readonly record struct RegistryOrderKey(string Field, bool Descending);

/// <summary>MLflow's <c>order_by</c> for registry searches: <c>"&lt;field&gt; [ASC|DESC]"</c> items.</summary>
public static class RegistryOrder
{
    /// <summary>Fields registered models sort by; <c>timestamp</c> is MLflow's short name for the last update.</summary>
    public static readonly IReadOnlyList<string> ModelFields = ["name", "creation_timestamp", "last_updated_timestamp", "timestamp"];

    /// <summary>Fields model versions sort by.</summary>
    public static readonly IReadOnlyList<string> VersionFields = ["name", "version_number", "creation_timestamp", "last_updated_timestamp", "timestamp"];

    /// <summary>Parses the items; an empty list means the caller's default order.</summary>
    public static IReadOnlyList<RegistryOrderKey> Parse(IEnumerable<string?>? items, IReadOnlyList<string> fields)
    {
        var keys = new List<RegistryOrderKey>();
        foreach (var item in items ?? [])
        {
            if (string.IsNullOrWhiteSpace(item)) continue;
            var parts = item.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var field = parts[0].ToLowerInvariant();
            if (!fields.Contains(field))
                throw TrackingException.Invalid($"order_by '{TrackingValidator.Truncate(item)}' sorts by an unknown field; use {string.Join(", ", fields)}, optionally followed by ASC or DESC.");
            var descending = parts.Length switch
            {
                1 => false,
                2 when parts[1].Equals("ASC", StringComparison.OrdinalIgnoreCase) => false,
                2 when parts[1].Equals("DESC", StringComparison.OrdinalIgnoreCase) => true,
                _ => throw TrackingException.Invalid($"order_by '{TrackingValidator.Truncate(item)}' is not '<field> [ASC|DESC]'."),
            };
            if (keys.Any(k => k.Field == Canonical(field)))
                throw TrackingException.Invalid($"order_by sorts by '{field}' twice.");
            keys.Add(new RegistryOrderKey(Canonical(field), descending));
        }
        return keys;
    }

    private static string Canonical(string field) => field == "timestamp" ? "last_updated_timestamp" : field;
}
