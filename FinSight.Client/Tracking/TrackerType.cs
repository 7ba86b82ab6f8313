namespace FinSight.Client.Tracking;

/// <summary>The trackers <see cref="ExperimentTrackerFactory"/> can create.</summary>
public enum TrackerType
{
    /// <summary><see cref="FinSightTracker"/>: a FinSight server over SignalR (the default).</summary>
    FinSight,

    /// <summary><see cref="Mlflow.MlflowExperimentTracker"/>: any MLflow server over its REST API.</summary>
    Mlflow,

    /// <summary><see cref="SimpleExperimentTracker"/>: local files, no server.</summary>
    Simple,
}
