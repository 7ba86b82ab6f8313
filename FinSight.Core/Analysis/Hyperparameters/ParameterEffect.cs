using System.Text.Json.Serialization;

namespace FinSight.Core.Analysis.Hyperparameters;

/// <summary>What the analysis concludes about a param; JSON carries "clear", "none" and "constant".</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ParameterEffect>))]
public enum ParameterEffect
{
    /// <summary>
    /// A significant correlation (p &lt; 0.05, |r|, |ρ| or η at least 0.1) or a large share of the model's importance
    /// (<see cref="HyperparameterAnalyzer.ClearImportanceShare"/>): its optimal range is worth following.
    /// </summary>
    [JsonStringEnumMemberName("clear")] Clear,

    /// <summary>Varies across the runs, but neither measure shows an effect.</summary>
    [JsonStringEnumMemberName("none")] None,

    /// <summary>The same in every run: nothing to learn from it, and left out of the model.</summary>
    [JsonStringEnumMemberName("constant")] Constant,
}
