namespace FinSight.Dashboard.Apis.Mlflow;

/// <summary>
/// MLflow's REST API (<c>/api/2.0/mlflow/...</c>) and its proxied artifact API (<c>/api/2.0/mlflow-artifacts/...</c>),
/// so a team can point <c>MLFLOW_TRACKING_URI</c> at FinSight and keep its code. Adapters only: every write goes
/// through IngestionService like any other entry point. One file per resource maps its routes on these groups.
/// </summary>
public static class MlflowApi
{
    public const string TrackingPrefix = "/api/2.0/mlflow";
    public const string ArtifactsPrefix = "/api/2.0/mlflow-artifacts";

    /// <summary>True for requests MLflow clients make (errors there are answered in MLflow's format).</summary>
    public static bool IsMlflowPath(HttpContext context) =>
        context.Request.Path.StartsWithSegments(TrackingPrefix) || context.Request.Path.StartsWithSegments(ArtifactsPrefix)
        || context.Request.Path.StartsWithSegments("/ajax-api/2.0/mlflow");

    public static WebApplication MapMlflowApi(this WebApplication app)
    {
        var tracking = app.MapGroup(TrackingPrefix)
            .RequireAuthorization()
            .AddEndpointFilter<MlflowErrorFilter>()
            .DisableAntiforgery();
        var artifacts = app.MapGroup(ArtifactsPrefix)
            .RequireAuthorization()
            .AddEndpointFilter<MlflowErrorFilter>()
            .DisableAntiforgery();
        // Each resource adds its routes below (experiments, runs, metrics, registry, artifacts).
        tracking.MapMlflowExperiments();
        tracking.MapMlflowRuns();
        tracking.MapMlflowMetrics();
        // Lowest priority: any other path under the prefix, once signed in, is MLflow's ENDPOINT_NOT_FOUND rather than an empty 404.
        tracking.MapFallback("{**path}", (HttpContext context) => new MlflowError(MlflowErrorCodes.EndpointNotFound,
            $"No MLflow endpoint {context.Request.Method} {context.Request.Path} on this server; see README's MLflow section for what FinSight serves.").ToResult());
        _ = artifacts;
        tracking.MapMlflowRunArtifactsApi();
        artifacts.MapMlflowArtifactsApi();
        return app;
    }
}
