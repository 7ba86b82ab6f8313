namespace FinSight.Core.Tracking;

/// <summary>Tags with a meaning beyond their text (MLflow's <c>mlflow.*</c> system tags that FinSight acts on).</summary>
public static class ReservedTags
{
    /// <summary>The run's name: setting it renames the run, and renaming the run sets it (MLflow keeps the two equal).</summary>
    public const string RunName = "mlflow.runName";
}
