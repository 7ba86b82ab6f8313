namespace FinSight.Core.Analysis.Hyperparameters;

/// <summary>A correlation coefficient with its two-sided p-value (null hypothesis: no correlation).</summary>
/// <param name="Coefficient">Between −1 and 1.</param>
/// <param name="PValue">From Student's t with n − 2 degrees of freedom.</param>
/// <param name="N">How many pairs it was computed from.</param>
public readonly record struct CorrelationResult(double Coefficient, double PValue, int N);
