namespace FinSight.Core.Analysis.Hyperparameters;

/// <summary>The smallest and largest value a numeric param took across the analysed runs, with the texts as logged.</summary>
internal sealed record TriedRange(double Min, double Max, string MinText, string MaxText);
