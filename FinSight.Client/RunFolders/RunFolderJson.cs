using System.Text.Json;
using System.Text.Json.Serialization;

namespace FinSight.Client.RunFolders;

/// <summary>The JSON settings of every file in a run folder: camelCase names and NaN/±Infinity as MLflow's strings.</summary>
internal static class RunFolderJson
{
    public static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    };

    public static readonly JsonSerializerOptions Line = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes to a temporary file and renames it over the target, so a reader or a crash never sees half a document.</summary>
    public static void WriteAtomically<T>(string path, T value)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(value, Indented));
        File.Move(temporary, path, overwrite: true);
    }

    public static T Read<T>(string path) =>
        JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), Indented)
        ?? throw new InvalidDataException($"{path} is empty.");
}
