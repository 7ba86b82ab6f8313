namespace FinSight.Client.RunFolders;

/// <summary>One line of <c>metrics.json</c>: a point with its step and wall-clock timestamp (epoch ms), so a later sync keeps both.</summary>
/// <param name="Key">The metric key.</param>
/// <param name="Value">The value; NaN and ±Infinity are written as MLflow's strings "NaN", "Infinity", "-Infinity".</param>
/// <param name="Step">The training step.</param>
/// <param name="Timestamp">When it was logged, epoch milliseconds.</param>
public sealed record MetricRecord(string Key, double Value, long Step, long Timestamp);
