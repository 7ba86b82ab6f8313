namespace FinSight.Core.Analysis.Kpis;

/// <summary>How much an experiment's best value of a metric improved in the window.</summary>
/// <param name="ExperimentId">The experiment.</param>
/// <param name="Baseline">What it is compared with: the best value before the window, or the first run's in the window.</param>
/// <param name="BaselineBeforeWindow">True when <paramref name="Baseline"/> is the best before the window.</param>
/// <param name="Best">The best value of the runs in the window.</param>
/// <param name="Relative">The improvement as a fraction of |baseline|, positive when better (see <see cref="MetricImprovement.Relative"/>).</param>
public sealed record ExperimentImprovement(long ExperimentId, double Baseline, bool BaselineBeforeWindow, double Best, double Relative);
