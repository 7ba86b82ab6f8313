using System.Text.Json;
using System.Text.Json.Serialization;

namespace FinSight.Bench;

/// <summary>The API's JSON conventions: web casing, and NaN/Infinity as MLflow's named literals.</summary>
public static class BenchJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
