namespace FinSight.Client.Tracking.Mlflow;

/// <summary>Settings of a <see cref="MlflowExperimentTracker"/>.</summary>
public sealed class MlflowTrackerOptions
{
    /// <summary>The MLflow tracking server, e.g. <c>http://localhost:5000</c> (a FinSight server serves MLflow's API too).</summary>
    public Uri? TrackingUri { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer</c> (MLflow's <c>MLFLOW_TRACKING_TOKEN</c>; a FinSight API key works).</summary>
    public string? Token { get; set; }

    /// <summary>With <see cref="Password"/>, sent as HTTP Basic (MLflow's <c>MLFLOW_TRACKING_USERNAME</c>); ignored when <see cref="Token"/> is set.</summary>
    public string? Username { get; set; }

    /// <summary>See <see cref="Username"/> (MLflow's <c>MLFLOW_TRACKING_PASSWORD</c>).</summary>
    public string? Password { get; set; }

    /// <summary>Creates the HTTP handler (tests: an in-memory server's).</summary>
    public Func<HttpMessageHandler>? HttpMessageHandlerFactory { get; set; }

    /// <summary>The clock for start, end and metric timestamps.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Options from MLflow's own variables: <c>MLFLOW_TRACKING_URI</c>, <c>MLFLOW_TRACKING_TOKEN</c>, <c>MLFLOW_TRACKING_USERNAME</c>, <c>MLFLOW_TRACKING_PASSWORD</c>.</summary>
    public static MlflowTrackerOptions FromEnvironment()
    {
        var uri = Environment.GetEnvironmentVariable("MLFLOW_TRACKING_URI");
        return new MlflowTrackerOptions
        {
            TrackingUri = Uri.TryCreate(uri, UriKind.Absolute, out var parsed) ? parsed : null,
            Token = Environment.GetEnvironmentVariable("MLFLOW_TRACKING_TOKEN"),
            Username = Environment.GetEnvironmentVariable("MLFLOW_TRACKING_USERNAME"),
            Password = Environment.GetEnvironmentVariable("MLFLOW_TRACKING_PASSWORD"),
        };
    }
}
