using FinSight.Core.Analysis.Hyperparameters;

namespace FinSight.Dashboard.Configuration;

/// <summary>The hyperparameter analysis (section <c>Hyperparameters</c>).</summary>
public sealed class HyperparameterOptions
{
    public const string SectionName = "Hyperparameters";

    /// <summary>Fewest usable runs (finished, with a finite target value) before any number is shown; fewer get a message.</summary>
    public int MinRuns { get; set; } = 10;

    /// <summary>The share of runs, best first, whose params define the optimal ranges.</summary>
    public double BestFraction { get; set; } = 0.1;

    /// <summary>Trees in the forest behind the permutation importance; with 100, 200 runs × 5 params take 0.1–0.3 s on 2 cores.</summary>
    public int Trees { get; set; } = 100;

    /// <summary>The settings the analysis runs with.</summary>
    public HyperparameterSettings ToSettings() => new() { MinRuns = MinRuns, BestFraction = BestFraction, Trees = Trees };
}
