namespace FinSight.Core.Storage;

/// <summary>One stored point of a metric series.</summary>
/// <param name="Step">Training step.</param>
/// <param name="Timestamp">Epoch milliseconds.</param>
/// <param name="Value">Any double, NaN and ±Infinity included.</param>
public readonly record struct MetricPoint(long Step, long Timestamp, double Value);
