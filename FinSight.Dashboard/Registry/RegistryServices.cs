using FinSight.Dashboard.Data;

namespace FinSight.Dashboard.Registry;

/// <summary>Registers the model registry's services.</summary>
public static class RegistryServices
{
    public static IServiceCollection AddModelRegistry(this IServiceCollection services)
    {
        services.AddSingleton<ModelRegistryReader>();
        services.AddSingleton<ModelRegistryService>();
        return services;
    }
}
