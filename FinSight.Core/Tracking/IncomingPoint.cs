namespace FinSight.Core.Tracking;

/// <summary>A validated metric point, with defaults applied, on its way to storage.</summary>
/// <param name="Key">Metric key (already checked against <see cref="KeyRules"/>).</param>
/// <param name="Step">Training step.</param>
/// <param name="Timestamp">Epoch milliseconds.</param>
/// <param name="Value">Any double, NaN and ±Infinity included.</param>
public readonly record struct IncomingPoint(string Key, long Step, long Timestamp, double Value);

/// <summary>A metric batch that passed validation as a whole.</summary>
/// <param name="RunId">The run.</param>
/// <param name="BatchId">The client's batch id.</param>
/// <param name="Points">Points in arrival order.</param>
public sealed record IncomingMetricBatch(string RunId, string BatchId, IncomingPoint[] Points);
