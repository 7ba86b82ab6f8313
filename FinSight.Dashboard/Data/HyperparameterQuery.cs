using FinSight.Core.Analysis;

namespace FinSight.Dashboard.Data;

/// <summary>What a hyperparameter analysis is asked for.</summary>
/// <param name="Target">The metric key to explain.</param>
/// <param name="Direction">Which way the target improves; null: the direction saved for the experiment, else the one its name implies.</param>
/// <param name="Aggregate">Each run's best or last value of the target.</param>
public sealed record HyperparameterQuery(string Target, MetricDirection? Direction = null, MetricAggregate Aggregate = MetricAggregate.Best);
