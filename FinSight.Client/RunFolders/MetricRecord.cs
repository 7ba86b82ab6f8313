namespace FinSight.Client.RunFolders;

/// <summary>One line of <c>metrics.json</c>: a point with its step and wall-clock timestamp (epoch ms), so a later sync keeps both.</summary>
/// <param name="Key">The metric key.</param>
/// <param name="Value">The value; NaN and ±Infinity are written as MLflow's strings "NaN", "Infinity", "-Infinity".</param>
/// <param name="Step">The training step.</param>
/// <param name="Timestamp">When it was logged, epoch milliseconds.</param>
/// <param name="BatchId">
/// The batch id a spilling client had already sent the point with (the server may have stored that batch without the
/// acknowledgement arriving); sync resends such points with the same id, so they are stored once. Absent otherwise.
/// </param>
public sealed record MetricRecord(string Key, double Value, long Step, long Timestamp,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? BatchId = null);
