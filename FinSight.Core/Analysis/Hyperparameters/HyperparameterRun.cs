namespace FinSight.Core.Analysis.Hyperparameters;

/// <summary>One finished run as the hyperparameter analysis sees it: its params and the value of the target metric.</summary>
/// <param name="RunId">The run's id.</param>
/// <param name="RunName">The run's name, for recommendations and charts.</param>
/// <param name="Params">Param key → logged value.</param>
/// <param name="Target">
/// The target metric's value for the run (its best or last, as the analysis was asked); null when the run did not
/// log the metric. Runs without a finite value are left out of the analysis and counted.
/// </param>
public sealed record HyperparameterRun(string RunId, string RunName, IReadOnlyDictionary<string, string> Params, double? Target);
