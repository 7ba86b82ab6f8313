namespace FinSight.Core.Analysis.Comparison;

/// <summary>A run placed on the Pareto chart.</summary>
/// <param name="RunId">The run.</param>
/// <param name="X">Its value of the x metric.</param>
/// <param name="Y">Its value of the y metric.</param>
/// <param name="OnFront">Whether no other run is at least as good on both metrics and strictly better on one.</param>
public sealed record ParetoPoint(string RunId, double X, double Y, bool OnFront);
