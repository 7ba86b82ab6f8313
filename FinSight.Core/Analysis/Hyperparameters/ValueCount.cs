namespace FinSight.Core.Analysis.Hyperparameters;

/// <summary>How many of the best runs used a categorical param's value.</summary>
/// <param name="Value">The logged value ("(none)" for runs without the param).</param>
/// <param name="Count">Best runs with that value.</param>
public sealed record ValueCount(string Value, int Count);
