using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using FinSight.Dashboard.Registry;

namespace FinSight.Dashboard.Apis.Mlflow;

/// <summary>MLflow's RegisteredModelTag / ModelVersionTag.</summary>
public sealed record MlflowRegistryTag([property: JsonPropertyName("key")] string? Key, [property: JsonPropertyName("value")] string? Value);

/// <summary>MLflow's RegisteredModelAlias.</summary>
public sealed record MlflowRegisteredModelAlias([property: JsonPropertyName("alias")] string Alias, [property: JsonPropertyName("version")] string Version);

/// <summary>MLflow's ModelVersion message (model_registry.proto); <c>version</c> is a string there.</summary>
public sealed record MlflowModelVersion(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("creation_timestamp")] long CreationTimestamp,
    [property: JsonPropertyName("last_updated_timestamp")] long LastUpdatedTimestamp,
    [property: JsonPropertyName("user_id")] string? UserId,
    [property: JsonPropertyName("current_stage")] string CurrentStage,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("run_id")] string? RunId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("status_message")] string? StatusMessage,
    [property: JsonPropertyName("tags")] IReadOnlyList<MlflowRegistryTag> Tags,
    [property: JsonPropertyName("run_link")] string? RunLink,
    [property: JsonPropertyName("aliases")] IReadOnlyList<string> Aliases)
{
    public static MlflowModelVersion From(ModelVersionView v) => new(v.Name, v.Version.ToString(CultureInfo.InvariantCulture), v.CreationTime, v.LastUpdatedTime,
        v.Owner, v.Stage, v.Description, v.Source, v.RunId, v.Status, v.StatusMessage, MlflowRegistryJson.Tags(v.Tags), v.RunLink, v.Aliases);
}

/// <summary>MLflow's RegisteredModel message.</summary>
public sealed record MlflowRegisteredModel(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("creation_timestamp")] long CreationTimestamp,
    [property: JsonPropertyName("last_updated_timestamp")] long LastUpdatedTimestamp,
    [property: JsonPropertyName("user_id")] string? UserId,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("latest_versions")] IReadOnlyList<MlflowModelVersion> LatestVersions,
    [property: JsonPropertyName("tags")] IReadOnlyList<MlflowRegistryTag> Tags,
    [property: JsonPropertyName("aliases")] IReadOnlyList<MlflowRegisteredModelAlias> Aliases)
{
    public static MlflowRegisteredModel From(RegisteredModelView m) => new(m.Name, m.CreationTime, m.LastUpdatedTime, m.Owner, m.Description,
        m.LatestVersions.Select(MlflowModelVersion.From).ToList(), MlflowRegistryJson.Tags(m.Tags),
        m.Aliases.Select(a => new MlflowRegisteredModelAlias(a.Alias, a.Version.ToString(CultureInfo.InvariantCulture))).ToList());
}

/// <summary>Request bodies of the registry endpoints (MLflow's field names). Versions arrive as strings or numbers.</summary>
public sealed class MlflowRegistryRequest
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("tags")] public List<MlflowRegistryTag?>? Tags { get; init; }
    [JsonPropertyName("key")] public string? Key { get; init; }
    [JsonPropertyName("value")] public string? Value { get; init; }
    [JsonPropertyName("alias")] public string? Alias { get; init; }
    [JsonPropertyName("version"), JsonConverter(typeof(StringOrNumberConverter))] public string? Version { get; init; }
    [JsonPropertyName("stages")] public List<string?>? Stages { get; init; }
    [JsonPropertyName("source")] public string? Source { get; init; }
    [JsonPropertyName("run_id")] public string? RunId { get; init; }
    [JsonPropertyName("run_link")] public string? RunLink { get; init; }
    [JsonPropertyName("stage")] public string? Stage { get; init; }
    [JsonPropertyName("archive_existing_versions")] public bool? ArchiveExistingVersions { get; init; }

    public IReadOnlyList<KeyValuePair<string?, string?>>? TagPairs =>
        Tags?.Select(t => new KeyValuePair<string?, string?>(t?.Key, t?.Value)).ToList();
}

/// <summary>Serialization of the registry's MLflow answers.</summary>
public static class MlflowRegistryJson
{
    /// <summary>Absent optional fields are left out, as protobuf's JSON does.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static IResult Ok(object body) => TypedResults.Json(body, Options);

    /// <summary>MLflow answers deletes and tag changes with an empty object.</summary>
    public static IResult Empty() => TypedResults.Json(new { }, Options);

    public static IReadOnlyList<MlflowRegistryTag> Tags(IEnumerable<KeyValuePair<string, string>> tags) => tags.Select(t => new MlflowRegistryTag(t.Key, t.Value)).ToList();
}

/// <summary>Reads a JSON string or number as text: MLflow sends model versions as strings, some clients as numbers.</summary>
public sealed class StringOrNumberConverter : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => reader.TryGetInt64(out var n) ? n.ToString(CultureInfo.InvariantCulture) : reader.GetDouble().ToString(CultureInfo.InvariantCulture),
        JsonTokenType.Null => null,
        _ => throw new JsonException("could not be converted"),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
