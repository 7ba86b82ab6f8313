using System.Globalization;
using FinSight.Core.Tracking;

namespace FinSight.Core.Registry;

/// <summary>
/// The model registry's input rules (MLflow's, so names and aliases stay portable between the two servers). Each check
/// returns the accepted value or throws a <see cref="TrackingException"/> naming the field and the rule it breaks.
/// </summary>
public static class RegistryRules
{
    /// <summary>Longest model name (the column's size).</summary>
    public const int MaxModelNameLength = 256;

    /// <summary>Longest alias (MLflow's MAX_REGISTERED_MODEL_ALIAS_LENGTH).</summary>
    public const int MaxAliasLength = 255;

    /// <summary>Longest tag key (MLflow's MAX_MODEL_REGISTRY_TAG_KEY_LENGTH).</summary>
    public const int MaxTagKeyLength = 250;

    /// <summary>Longest tag value (MLflow's MAX_MODEL_REGISTRY_TAG_VALUE_LENGTH).</summary>
    public const int MaxTagValueLength = 5000;

    /// <summary>Longest description.</summary>
    public const int MaxDescriptionLength = 5000;

    /// <summary>Longest source URI.</summary>
    public const int MaxSourceLength = 2000;

    /// <summary>
    /// A model name: not empty, at most <see cref="MaxModelNameLength"/> characters, no control characters, and no '/'
    /// or '@', because <c>models:/&lt;name&gt;/&lt;version&gt;</c> and <c>models:/&lt;name&gt;@&lt;alias&gt;</c> could not be read back.
    /// </summary>
    public static string ModelName(string? name, string field = "name")
    {
        if (string.IsNullOrWhiteSpace(name)) throw TrackingException.Invalid($"{field} is required: the registered model's name. Registered model name cannot be empty.");
        if (name.Length > MaxModelNameLength)
            throw TrackingException.Invalid($"{field} is {name.Length} characters long; the limit is {MaxModelNameLength}.");
        if (name != name.Trim()) throw TrackingException.Invalid($"{field} '{TrackingValidator.Truncate(name)}' starts or ends with white space.");
        foreach (var c in name)
        {
            if (char.IsControl(c)) throw TrackingException.Invalid($"{field} contains a control character.");
            if (c is '/' or '@')
                throw TrackingException.Invalid($"{field} '{TrackingValidator.Truncate(name)}' contains '{c}'; model names cannot hold '/' or '@' (they separate the name from the version or alias in models:/ URIs).");
        }
        return name;
    }

    /// <summary>
    /// An alias: letters, digits, '_' and '-', at most <see cref="MaxAliasLength"/> characters; <c>latest</c> (any case)
    /// and <c>v&lt;digits&gt;</c> are reserved, because MLflow reads them as "the newest version" and "version N".
    /// </summary>
    public static string Alias(string? alias, string field = "alias")
    {
        if (string.IsNullOrEmpty(alias)) throw TrackingException.Invalid($"{field} is required. Registered model alias name cannot be empty.");
        if (alias.Length > MaxAliasLength) throw TrackingException.Invalid($"{field} is {alias.Length} characters long; the limit is {MaxAliasLength}.");
        foreach (var c in alias)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-'))
                throw TrackingException.Invalid($"{field} '{TrackingValidator.Truncate(alias)}' is not a valid alias: aliases may only contain letters, digits, '_' and '-'.");
        }
        if (alias.Equals("latest", StringComparison.OrdinalIgnoreCase))
            throw TrackingException.Invalid($"{field} 'latest' (in any case) is reserved: it means the newest version.");
        if (alias.Length > 1 && alias[0] is 'v' or 'V' && alias.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0)
            throw TrackingException.Invalid($"{field} '{alias}' is reserved: v<number> names a version.");
        return alias;
    }

    /// <summary>A version number as MLflow sends it (a string of digits): a whole number from 1.</summary>
    public static int Version(string? version, string field = "version")
    {
        if (string.IsNullOrWhiteSpace(version)) throw TrackingException.Invalid($"{field} is required: the model version's number, such as \"1\".");
        if (!int.TryParse(version.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
            throw TrackingException.Invalid($"{field} '{TrackingValidator.Truncate(version)}' is not a model version; versions are whole numbers from 1, such as \"1\".");
        return number;
    }

    /// <summary>A tag key (the metric/param key rules) and value (at most <see cref="MaxTagValueLength"/> characters).</summary>
    public static KeyValuePair<string, string> Tag(string? key, string? value, string field = "tag")
    {
        if (KeyRules.Check(key, MaxTagKeyLength) is { } problem) throw TrackingException.Invalid($"{field} key {problem}.");
        return new(key!, TagValue(value, field));
    }

    /// <summary>A tag key alone (deleting a tag).</summary>
    public static string TagKey(string? key, string field = "key")
    {
        if (KeyRules.Check(key, MaxTagKeyLength) is { } problem) throw TrackingException.Invalid($"{field} {problem}.");
        return key!;
    }

    /// <summary>A description: null or blank clears it.</summary>
    public static string? Description(string? description, string field = "description")
    {
        if (string.IsNullOrWhiteSpace(description)) return null;
        if (description.Length > MaxDescriptionLength)
            throw TrackingException.Invalid($"{field} is {description.Length} characters long; the limit is {MaxDescriptionLength}.");
        return description;
    }

    private static string TagValue(string? value, string field)
    {
        if (value is null) throw TrackingException.Invalid($"{field} value is required (it may be empty).");
        if (value.Length > MaxTagValueLength)
            throw TrackingException.Invalid($"{field} value is {value.Length} characters long; the limit is {MaxTagValueLength}.");
        return value;
    }
}
