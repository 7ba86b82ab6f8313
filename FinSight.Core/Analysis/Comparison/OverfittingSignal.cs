namespace FinSight.Core.Analysis.Comparison;

/// <summary>What <see cref="OverfittingDetector"/> found on a pair of curves: where validation loss bottomed out and how far it rose since.</summary>
/// <param name="MinimumStep">The step where the smoothed validation loss was lowest: where overfitting began (the checkpoint to keep).</param>
/// <param name="RiseStep">The first later step where the smoothed validation loss was above the minimum by the threshold.</param>
/// <param name="LastStep">The last validation step.</param>
/// <param name="MinimumValue">The smoothed validation loss at <paramref name="MinimumStep"/>.</param>
/// <param name="LastValue">The smoothed validation loss at <paramref name="LastStep"/>.</param>
/// <param name="RelativeRise">(LastValue − MinimumValue) / |MinimumValue|: 0.12 is a 12% rise.</param>
/// <param name="TrainAtMinimum">The smoothed training loss at (or just after) <paramref name="MinimumStep"/>.</param>
/// <param name="TrainLast">The smoothed training loss at (or just before) <paramref name="LastStep"/>; lower than <paramref name="TrainAtMinimum"/>.</param>
public sealed record OverfittingSignal(
    long MinimumStep, long RiseStep, long LastStep, double MinimumValue, double LastValue, double RelativeRise,
    double TrainAtMinimum, double TrainLast);
