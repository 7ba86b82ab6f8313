using FinSight.Core.Contracts;

namespace FinSight.Core.Analysis.Comparison;

/// <summary>
/// One run's histories of a <see cref="LossPair"/>, as read from the server (downsampled histories are fine:
/// detection smooths them). Points need not be sorted; NaN and infinite values are ignored.
/// </summary>
/// <param name="RunId">The run the curves belong to; it must be one of the compared runs.</param>
/// <param name="Pair">Which keys the curves are.</param>
/// <param name="Train">The training loss's points.</param>
/// <param name="Validation">The validation loss's points.</param>
public sealed record LossCurves(string RunId, LossPair Pair, IReadOnlyList<MetricPointOutput> Train, IReadOnlyList<MetricPointOutput> Validation);
