using System.Text.Json.Serialization;

namespace FinSight.Dashboard.Apis.Mlflow;

/// <summary>
/// MLflow's JSON: snake_case names, 64-bit numbers as numbers (also read from strings, as protobuf's JSON allows),
/// NaN and ±Infinity as "NaN", "Infinity", "-Infinity", absent optional fields left out. Source-generated: log-batch
/// is the hot path of every MLflow training script.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(MlflowCreateExperimentRequest))]
[JsonSerializable(typeof(MlflowExperimentIdRequest))]
[JsonSerializable(typeof(MlflowUpdateExperimentRequest))]
[JsonSerializable(typeof(MlflowExperimentTagRequest))]
[JsonSerializable(typeof(MlflowSearchExperimentsRequest))]
[JsonSerializable(typeof(MlflowCreateRunRequest))]
[JsonSerializable(typeof(MlflowRunIdRequest))]
[JsonSerializable(typeof(MlflowUpdateRunRequest))]
[JsonSerializable(typeof(MlflowLogBatchRequest))]
[JsonSerializable(typeof(MlflowLogMetricRequest))]
[JsonSerializable(typeof(MlflowKeyValueRequest))]
[JsonSerializable(typeof(MlflowSearchRunsRequest))]
[JsonSerializable(typeof(MlflowExperimentResponse))]
[JsonSerializable(typeof(MlflowCreateExperimentResponse))]
[JsonSerializable(typeof(MlflowSearchExperimentsResponse))]
[JsonSerializable(typeof(MlflowRunResponse))]
[JsonSerializable(typeof(MlflowUpdateRunResponse))]
[JsonSerializable(typeof(MlflowSearchRunsResponse))]
[JsonSerializable(typeof(MlflowMetricHistoryResponse))]
[JsonSerializable(typeof(MlflowEmpty))]
public sealed partial class MlflowJson : JsonSerializerContext;
