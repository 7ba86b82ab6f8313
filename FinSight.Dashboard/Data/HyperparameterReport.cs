using FinSight.Core.Analysis.Hyperparameters;

namespace FinSight.Dashboard.Data;

/// <summary>An analysis with the runs it was computed from (the page's charts draw them).</summary>
/// <param name="Analysis">What the API returns.</param>
/// <param name="Runs">Every finished run of the experiment with its params and target value (null: no value), usable or not.</param>
public sealed record HyperparameterReport(HyperparameterAnalysis Analysis, IReadOnlyList<HyperparameterRun> Runs);
