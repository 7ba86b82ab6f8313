using FinSight.Core.Contracts;

namespace FinSight.Core.Analysis.Comparison;

/// <summary>A run as a comparison needs it: its id (for links), the name sentences use, and its metric summaries.</summary>
/// <param name="RunId">The run's id.</param>
/// <param name="Name">How findings name the run (make it unique among the compared runs, e.g. with the id's start).</param>
/// <param name="Metrics">Latest, minimum and maximum per metric key, as the reader returns them.</param>
public sealed record ComparisonRun(string RunId, string Name, IReadOnlyList<MetricSummary> Metrics);
