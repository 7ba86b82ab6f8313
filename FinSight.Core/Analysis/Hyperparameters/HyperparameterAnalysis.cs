using System.Text.Json.Serialization;

namespace FinSight.Core.Analysis.Hyperparameters;

/// <summary>
/// Which params matter for a target metric across an experiment's finished runs, where the best runs put them,
/// and what to try next. With too few usable runs, only <see cref="Message"/> and the counts are filled in.
/// </summary>
public sealed record HyperparameterAnalysis
{
    /// <summary>The target metric's key.</summary>
    public required string Target { get; init; }

    /// <summary>Which way the target improves.</summary>
    [JsonIgnore] public MetricDirection Direction { get; init; }

    /// <summary>"min" or "max", as the API's <c>mode</c> query parameter.</summary>
    [JsonPropertyName("mode")] public string Mode => Direction == MetricDirection.Minimize ? "min" : "max";

    /// <summary>Which value of each run's history stands for it.</summary>
    [JsonIgnore] public MetricAggregate Aggregate { get; init; }

    /// <summary>"best" or "last", as the API's <c>aggregate</c> query parameter.</summary>
    [JsonPropertyName("aggregate")] public string AggregateName => Aggregate == MetricAggregate.Best ? "best" : "last";

    /// <summary>Usable runs: finished, with a finite target value.</summary>
    public int Runs { get; init; }

    /// <summary>Finished runs left out: without the target metric, or whose value is NaN or infinite.</summary>
    public int ExcludedRuns { get; init; }

    /// <summary>Usable runs needed before anything is computed.</summary>
    public int MinRuns { get; init; }

    /// <summary>How many more usable runs are needed; null once there are enough.</summary>
    public int? MoreRunsNeeded { get; init; }

    /// <summary>Why there are no numbers (too few runs, a target that never varies); null when there are.</summary>
    public string? Message { get; init; }

    /// <summary>How many runs count as the best (the best fraction of the usable runs, at least one).</summary>
    public int BestRuns { get; init; }

    /// <summary>The best runs' ids, best first.</summary>
    public IReadOnlyList<string> BestRunIds { get; init; } = [];

    /// <summary>Every param any usable run logged: clear effects first (by importance), then the others, constants last.</summary>
    public IReadOnlyList<ParameterAnalysis> Parameters { get; init; } = [];

    /// <summary>Plain-language conclusions, the most useful first.</summary>
    public IReadOnlyList<string> Recommendations { get; init; } = [];
}
