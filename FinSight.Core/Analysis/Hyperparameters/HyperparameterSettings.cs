namespace FinSight.Core.Analysis.Hyperparameters;

/// <summary>How much data the analysis needs and how hard its model works.</summary>
public sealed record HyperparameterSettings
{
    /// <summary>Fewest usable runs (finished, with a finite target value) before any number is shown.</summary>
    public int MinRuns { get; init; } = 10;

    /// <summary>The share of runs, best first, whose params define each parameter's optimal range (0.1: the best 10%).</summary>
    public double BestFraction { get; init; } = 0.1;

    /// <summary>Trees in the FastForest regressor behind the permutation importance.</summary>
    public int Trees { get; init; } = 100;

    /// <summary>How many times each feature is shuffled; the importance is the mean over these.</summary>
    public int Permutations { get; init; } = 5;

    /// <summary>Seed of the model and of the permutations: the same runs always give the same importances.</summary>
    public int Seed { get; init; } = 1;
}
