using System.Text.Json.Serialization;

namespace FinSight.Core.Analysis.Hyperparameters;

/// <summary>How a parameter's values are read; JSON carries "numeric" and "categorical".</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ParameterKind>))]
public enum ParameterKind
{
    /// <summary>Every logged value is a number (invariant culture, "1e-4" included).</summary>
    [JsonStringEnumMemberName("numeric")] Numeric,

    /// <summary>At least one value is not a number: each distinct value is a category (one-hot encoded for the model).</summary>
    [JsonStringEnumMemberName("categorical")] Categorical,
}
