namespace FinSight.Core.Analysis.Comparison;

/// <summary>Choices for <see cref="ComparisonAnalyzer.Analyze"/>.</summary>
public sealed record ComparisonOptions
{
    /// <summary>The Pareto chart's x metric, one of the chosen metrics; null: the first chosen metric.</summary>
    public string? ParetoX { get; init; }

    /// <summary>The Pareto chart's y metric, one of the chosen metrics; null: the first chosen metric other than x.</summary>
    public string? ParetoY { get; init; }

    /// <summary>How overfitting is detected.</summary>
    public OverfittingOptions Overfitting { get; init; } = new();
}
