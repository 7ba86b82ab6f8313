namespace FinSight.Core.Analysis.Comparison;

/// <summary>A run left out of a Pareto front, and why.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Metrics">The metric keys (x, y or both) for which it has no finite value (missing, NaN or infinite).</param>
public sealed record ParetoExclusion(string RunId, IReadOnlyList<string> Metrics);
