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
        // API and hub callers get problem details; a person who mistypes a page address gets the dashboard's page.
        app.UseWhen(IsMachinePath, machine => machine.UseStatusCodePages());
        app.UseWhen(context => !IsMachinePath(context), pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseRouting(); // after the status code pages, so a re-executed request is routed again
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

    private static bool IsMachinePath(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs");
}
