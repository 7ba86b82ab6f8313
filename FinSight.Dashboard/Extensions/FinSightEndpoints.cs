using FinSight.Dashboard.Apis;
using FinSight.Dashboard.Apis.Mlflow;
using FinSight.Dashboard.Components;
using FinSight.Dashboard.Hubs;

namespace FinSight.Dashboard.Extensions;

/// <summary>The request pipeline and every route.</summary>
public static class FinSightEndpoints
{
    public static WebApplication MapFinSight(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Error", createScopeForErrors: true);
        // API and hub callers get problem details; a person who mistypes a page address gets the dashboard's page.
        app.UseWhen(FinSightAccessServices.IsMachinePath, machine => machine.UseStatusCodePages());
        app.UseWhen(context => !FinSightAccessServices.IsMachinePath(context), pages => pages.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true));
        app.UseRouting(); // after the status code pages, so a re-executed request is routed again
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        // Pages carry [Authorize] (Components/_Imports.razor): anonymous visitors are sent to /signin.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();

        app.MapHub<IngestHub>(IngestHub.Path).RequireAuthorization();
        // Every API endpoint needs a caller (key or cookie); each then checks the caller's role or permission.
        // The API is for programs: no antiforgery, and the cookie is SameSite=Lax with JSON-only bodies.
        app.MapGroup("/api/v1")
            .RequireAuthorization()
            .AddEndpointFilter<TrackingErrorFilter>()
            .DisableAntiforgery()
            .MapExperimentsApi()
            .MapRunsExportApi()
            .MapRunsApi()
            .MapArtifactsApi()
            .MapReportsApi()
            .MapAccessApis()
            .MapAbTestsApi()
            .MapPredictionsApi()
            .MapHyperparametersApi();
        app.MapMlflowApi();
        return app;
    }
}
