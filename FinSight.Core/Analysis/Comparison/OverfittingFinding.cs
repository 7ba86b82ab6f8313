namespace FinSight.Core.Analysis.Comparison;

/// <summary>A run whose validation loss rose while its training loss fell.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Pair">The training and validation loss keys the signal was found on.</param>
/// <param name="Signal">Where the validation loss bottomed out (the step overfitting began) and how far it rose.</param>
public sealed record OverfittingFinding(string RunId, LossPair Pair, OverfittingSignal Signal);
