namespace FinSight.Dashboard.Apis.Mlflow;

/// <summary>
/// MLflow's default experiment: clients that never choose one log to experiment id "0". FinSight's ids start at 1, so
/// "0" stands for the experiment named "Default", created (with the caller as its manager) when a run is first created in it.
/// </summary>
public static class MlflowDefaultExperiment
{
    public const string Id = "0";
    public const string Name = "Default";

    /// <summary>The tag MLflow keeps an experiment's description in.</summary>
    public const string NoteTag = "mlflow.note.content";
}

/// <summary>MLflow's lifecycle views (ViewType): which experiments or runs a search returns.</summary>
public enum MlflowViewType
{
    ActiveOnly,
    DeletedOnly,
    All,
}
