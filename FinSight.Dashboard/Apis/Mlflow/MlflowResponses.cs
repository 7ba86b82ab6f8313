namespace FinSight.Dashboard.Apis.Mlflow;

// Response bodies of MLflow's REST API, in the shapes its clients parse (mlflow/protos/service.proto).

public sealed record MlflowTag(string Key, string Value);

public sealed record MlflowExperiment(string ExperimentId, string Name, string ArtifactLocation, string LifecycleStage,
    long LastUpdateTime, long CreationTime, IReadOnlyList<MlflowTag> Tags);

/// <summary>A metric point; NaN and ±Infinity are written as "NaN", "Infinity", "-Infinity".</summary>
public sealed record MlflowMetric(string Key, double Value, long Timestamp, long Step);

public sealed record MlflowRunInfo(string RunId, string RunUuid, string RunName, string ExperimentId, string UserId, string Status,
    long StartTime, long? EndTime, string ArtifactUri, string LifecycleStage);

public sealed record MlflowRunData(IReadOnlyList<MlflowMetric> Metrics, IReadOnlyList<MlflowTag> Params, IReadOnlyList<MlflowTag> Tags);

/// <summary>Dataset inputs; FinSight records none, so always empty.</summary>
public sealed record MlflowRunInputs;

public sealed record MlflowRun(MlflowRunInfo Info, MlflowRunData Data, MlflowRunInputs Inputs);

public sealed record MlflowExperimentResponse(MlflowExperiment Experiment);

public sealed record MlflowCreateExperimentResponse(string ExperimentId);

public sealed record MlflowSearchExperimentsResponse(IReadOnlyList<MlflowExperiment> Experiments, string? NextPageToken);

public sealed record MlflowRunResponse(MlflowRun Run);

public sealed record MlflowUpdateRunResponse(MlflowRunInfo RunInfo);

public sealed record MlflowSearchRunsResponse(IReadOnlyList<MlflowRun> Runs, string? NextPageToken);

public sealed record MlflowMetricHistoryResponse(IReadOnlyList<MlflowMetric> Metrics, string? NextPageToken);

/// <summary>MLflow answers most writes with an empty object.</summary>
public sealed record MlflowEmpty
{
    public static readonly MlflowEmpty Instance = new();
}
