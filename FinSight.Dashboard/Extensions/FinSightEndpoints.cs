using FinSight.Dashboard.Apis;
using FinSight.Dashboard.Components;
using FinSight.Dashboard.Hubs;

namespace FinSight.Dashboard.Extensions;

/// <summary>The request pipeline and every route.</summary>
public static class FinSightEndpoints
{
    public static WebApplication MapFinSight(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseStatusCodePages();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

        app.MapHub<IngestHub>(IngestHub.Path);
        app.MapGroup("/api/v1")
            .AddEndpointFilter<TrackingErrorFilter>()
            .DisableAntiforgery()
            .MapExperimentsApi()
            .MapRunsExportApi()
            .MapRunsApi();
        return app;
    }
}
