using FinSight.Core.Contracts;

namespace FinSight.Dashboard.Apis.Mlflow;

// Request bodies of MLflow's REST API (mlflow/protos/service.proto), snake_case on the wire through MlflowJson.
// Every field is nullable: a missing one is refused by name, never read as a default.
// run_uuid is MLflow 1.x's name for run_id, still sent by some clients.

public sealed class MlflowCreateExperimentRequest
{
    public string? Name { get; set; }
    public string? ArtifactLocation { get; set; }
    public List<KeyValueEntry?>? Tags { get; set; }
}

public sealed class MlflowExperimentIdRequest
{
    public string? ExperimentId { get; set; }
}

public sealed class MlflowUpdateExperimentRequest
{
    public string? ExperimentId { get; set; }
    public string? NewName { get; set; }
}

public sealed class MlflowExperimentTagRequest
{
    public string? ExperimentId { get; set; }
    public string? Key { get; set; }
    public string? Value { get; set; }
}

public sealed class MlflowSearchExperimentsRequest
{
    public int? MaxResults { get; set; }
    public string? PageToken { get; set; }
    public string? Filter { get; set; }
    public List<string>? OrderBy { get; set; }
    public string? ViewType { get; set; }
}

public sealed class MlflowCreateRunRequest
{
    public string? ExperimentId { get; set; }
    public string? UserId { get; set; }
    public string? RunName { get; set; }
    public long? StartTime { get; set; }
    public List<KeyValueEntry?>? Tags { get; set; }
}

public class MlflowRunIdRequest
{
    public string? RunId { get; set; }
    public string? RunUuid { get; set; }

    /// <summary>run_id, or MLflow 1.x's run_uuid when only that was sent.</summary>
    public string? Id => RunId ?? RunUuid;
}

public sealed class MlflowUpdateRunRequest : MlflowRunIdRequest
{
    public string? Status { get; set; }
    public long? EndTime { get; set; }
    public string? RunName { get; set; }
}

public sealed class MlflowLogBatchRequest : MlflowRunIdRequest
{
    public List<MetricPointInput?>? Metrics { get; set; }
    public List<KeyValueEntry?>? Params { get; set; }
    public List<KeyValueEntry?>? Tags { get; set; }
}

public sealed class MlflowLogMetricRequest : MlflowRunIdRequest
{
    public string? Key { get; set; }
    public MetricValue Value { get; set; }
    public long? Timestamp { get; set; }
    public long? Step { get; set; }
}

/// <summary>log-parameter, set-tag and delete-tag (which sends no value).</summary>
public sealed class MlflowKeyValueRequest : MlflowRunIdRequest
{
    public string? Key { get; set; }
    public string? Value { get; set; }
}

public sealed class MlflowSearchRunsRequest
{
    public List<string>? ExperimentIds { get; set; }
    public string? Filter { get; set; }
    public string? RunViewType { get; set; }
    public int? MaxResults { get; set; }
    public List<string>? OrderBy { get; set; }
    public string? PageToken { get; set; }
}
