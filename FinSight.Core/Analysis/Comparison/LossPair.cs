namespace FinSight.Core.Analysis.Comparison;

/// <summary>A training loss and the validation loss that goes with it (train_loss and val_loss, loss and val_loss…).</summary>
/// <param name="TrainKey">The training loss's metric key.</param>
/// <param name="ValidationKey">The validation loss's metric key.</param>
public sealed record LossPair(string TrainKey, string ValidationKey);
