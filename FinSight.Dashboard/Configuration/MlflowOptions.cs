using FinSight.Core.Tracking;

namespace FinSight.Dashboard.Configuration;

/// <summary>
/// MLflow's own limits for its REST API (section <c>Mlflow</c>), kept apart from <c>/api/v1</c>'s <see cref="TrackingLimits"/>:
/// MLflow clients split their work to fit these numbers (mlflow/utils/validation.py), and a client written for MLflow
/// expects the same refusals from any server it is pointed at.
/// </summary>
public sealed class MlflowOptions
{
    public const string SectionName = "Mlflow";

    public int MaxMetricsPerBatch { get; set; } = 1000;

    public int MaxParamsPerBatch { get; set; } = 100;

    public int MaxTagsPerBatch { get; set; } = 100;

    /// <summary>Metrics, params and tags of one log-batch together.</summary>
    public int MaxEntitiesPerBatch { get; set; } = 1000;

    public int MaxKeyLength { get; set; } = 250;

    public int MaxParamValueLength { get; set; } = 6000;

    public int MaxTagValueLength { get; set; } = 8000;

    /// <summary>Most runs one runs/search page may ask for (MLflow: 50,000).</summary>
    public int MaxSearchResults { get; set; } = 50_000;

    /// <summary>The limits in the shape <see cref="TrackingValidator"/> checks.</summary>
    public TrackingLimits ToTrackingLimits(TrackingLimits general) => new()
    {
        MaxKeyLength = MaxKeyLength,
        MaxParamValueLength = MaxParamValueLength,
        MaxTagValueLength = MaxTagValueLength,
        MaxPointsPerBatch = MaxMetricsPerBatch,
        MaxParamsPerBatch = MaxParamsPerBatch,
        MaxTagsPerBatch = MaxTagsPerBatch,
        MaxBatchIdLength = general.MaxBatchIdLength,
        MaxNameLength = general.MaxNameLength,
        MaxPredictionPoints = general.MaxPredictionPoints,
    };

    public IEnumerable<string> Problems()
    {
        if (MaxMetricsPerBatch is < 1 or > 1_000_000) yield return $"Mlflow:MaxMetricsPerBatch must be between 1 and 1000000 (was {MaxMetricsPerBatch}).";
        if (MaxParamsPerBatch < 1) yield return $"Mlflow:MaxParamsPerBatch must be at least 1 (was {MaxParamsPerBatch}).";
        if (MaxTagsPerBatch < 1) yield return $"Mlflow:MaxTagsPerBatch must be at least 1 (was {MaxTagsPerBatch}).";
        if (MaxEntitiesPerBatch < 1) yield return $"Mlflow:MaxEntitiesPerBatch must be at least 1 (was {MaxEntitiesPerBatch}).";
        if (MaxKeyLength is < 1 or > 1000) yield return $"Mlflow:MaxKeyLength must be between 1 and 1000 (was {MaxKeyLength}).";
        if (MaxParamValueLength < 1) yield return $"Mlflow:MaxParamValueLength must be at least 1 (was {MaxParamValueLength}).";
        if (MaxTagValueLength < 1) yield return $"Mlflow:MaxTagValueLength must be at least 1 (was {MaxTagValueLength}).";
        if (MaxSearchResults < 1) yield return $"Mlflow:MaxSearchResults must be at least 1 (was {MaxSearchResults}).";
    }
}
