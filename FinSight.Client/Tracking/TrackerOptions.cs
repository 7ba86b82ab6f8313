using FinSight.Client.Tracking.Mlflow;

namespace FinSight.Client.Tracking;

/// <summary>Settings for <see cref="ExperimentTrackerFactory"/>: one section per tracker type; only the chosen types' are read.</summary>
public sealed class TrackerOptions
{
    /// <summary>For <see cref="TrackerType.FinSight"/>: the server, key and client settings.</summary>
    public FinSightClientOptions? FinSight { get; set; }

    /// <summary>For <see cref="TrackerType.Mlflow"/>: the MLflow server and its credentials.</summary>
    public MlflowTrackerOptions? Mlflow { get; set; }

    /// <summary>For <see cref="TrackerType.Simple"/>: the folder holding the run folders (the seed's <c>./experiments</c> by default).</summary>
    public string SimpleRoot { get; set; } = "experiments";

    /// <summary>The clock of the simple tracker.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
