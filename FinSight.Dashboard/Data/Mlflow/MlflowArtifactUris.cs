namespace FinSight.Dashboard.Data.Mlflow;

/// <summary>
/// The artifact locations MLflow clients are given: <c>mlflow-artifacts:/&lt;experiment&gt;/&lt;run&gt;/artifacts</c> for a run,
/// which they resolve against the tracking URI to FinSight's proxied artifact routes. One rule for run info, the artifact
/// routes and the registry's download URIs.
/// </summary>
public static class MlflowArtifactUris
{
    /// <summary>The segment after the run id in a run's artifact paths.</summary>
    public const string ArtifactsSegment = "artifacts";

    public static string Run(long experimentId, string runId) => $"mlflow-artifacts:/{experimentId}/{runId}/{ArtifactsSegment}";

    public static string Experiment(long experimentId) => $"mlflow-artifacts:/{experimentId}";
}
