namespace FinSight.Core.Analysis.Comparison;

/// <summary>What a <see cref="ComparisonFinding"/> is about; pages pick an icon or colour by it.</summary>
public enum FindingKind
{
    /// <summary>The run (or tied runs) with the best value of a metric.</summary>
    BestRun,

    /// <summary>The Pareto front over two metrics.</summary>
    ParetoFront,

    /// <summary>A run left out of the Pareto front because it lacks a finite value of one of its metrics.</summary>
    ParetoExcluded,

    /// <summary>A run another run beats on every chosen metric.</summary>
    Dominated,

    /// <summary>A run whose validation loss rose while its training loss fell.</summary>
    Overfitting,
}
