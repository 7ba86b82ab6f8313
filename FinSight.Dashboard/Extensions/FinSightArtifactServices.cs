using FinSight.Dashboard.Artifacts;

namespace FinSight.Dashboard.Extensions;

/// <summary>Run artifacts: the store (local files for now; another store registers here instead) and the service in front of it.</summary>
public static class FinSightArtifactServices
{
    public static IServiceCollection AddFinSightArtifacts(this IServiceCollection services)
    {
        services.AddSingleton<IArtifactStore, LocalArtifactStore>();
        services.AddSingleton<ArtifactService>();
        services.AddSingleton<ArtifactPreviewReader>();
        return services;
    }
}
