namespace FinSight.Core.Tracking;

/// <summary>Limits on what a client may log; bound from the <c>Tracking</c> configuration section and validated at start.</summary>
public sealed class TrackingLimits
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Tracking";

    /// <summary>Longest metric, param or tag key (MLflow: 250).</summary>
    public int MaxKeyLength { get; set; } = 250;

    /// <summary>Longest param value (MLflow: 6,000).</summary>
    public int MaxParamValueLength { get; set; } = 6000;

    /// <summary>Longest tag value (MLflow: 8,000).</summary>
    public int MaxTagValueLength { get; set; } = 8000;

    /// <summary>Most metric points in one batch.</summary>
    public int MaxPointsPerBatch { get; set; } = 10_000;

    /// <summary>Most params in one call.</summary>
    public int MaxParamsPerBatch { get; set; } = 100;

    /// <summary>Most tags in one call.</summary>
    public int MaxTagsPerBatch { get; set; } = 100;

    /// <summary>Longest batch id.</summary>
    public int MaxBatchIdLength { get; set; } = 64;

    /// <summary>Longest experiment or run name.</summary>
    public int MaxNameLength { get; set; } = 250;

    /// <summary>Most points in one prediction series (<c>POST /runs/{runId}/predictions</c>, the hub's <c>LogPredictions</c>).</summary>
    public int MaxPredictionPoints { get; set; } = 50_000;

    /// <summary>Every rule broken, as messages naming the setting; empty when the limits are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxKeyLength is < 1 or > 1000) yield return $"Tracking:MaxKeyLength must be between 1 and 1000 (was {MaxKeyLength}).";
        if (MaxParamValueLength < 1) yield return $"Tracking:MaxParamValueLength must be at least 1 (was {MaxParamValueLength}).";
        if (MaxTagValueLength < 1) yield return $"Tracking:MaxTagValueLength must be at least 1 (was {MaxTagValueLength}).";
        if (MaxPointsPerBatch is < 1 or > 1_000_000) yield return $"Tracking:MaxPointsPerBatch must be between 1 and 1000000 (was {MaxPointsPerBatch}).";
        if (MaxParamsPerBatch < 1) yield return $"Tracking:MaxParamsPerBatch must be at least 1 (was {MaxParamsPerBatch}).";
        if (MaxTagsPerBatch < 1) yield return $"Tracking:MaxTagsPerBatch must be at least 1 (was {MaxTagsPerBatch}).";
        if (MaxBatchIdLength is < 1 or > 256) yield return $"Tracking:MaxBatchIdLength must be between 1 and 256 (was {MaxBatchIdLength}).";
        if (MaxNameLength < 1) yield return $"Tracking:MaxNameLength must be at least 1 (was {MaxNameLength}).";
        if (MaxPredictionPoints is < 1 or > 10_000_000)
            yield return $"Tracking:MaxPredictionPoints must be between 1 and 10000000 (was {MaxPredictionPoints}).";
    }
}
