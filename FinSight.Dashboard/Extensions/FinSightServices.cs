using FinSight.Core.AbTesting;
using FinSight.Dashboard.AbTests;
using System.Text.Json.Serialization;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Configuration;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Demo;
using FinSight.Dashboard.Hubs;
using FinSight.Dashboard.Ingestion;
using FinSight.Dashboard.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace FinSight.Dashboard.Extensions;

/// <summary>All service registration, so Program.cs stays a table of contents.</summary>
public static class FinSightServices
{
    public static WebApplicationBuilder AddFinSight(this WebApplicationBuilder builder)
    {
        // Serve package assets (MudBlazor, Plotly) from the build output in every environment, not only
        // Development: `dotnet run` is the quick start and runs as Production. Publish output ignores this.
        builder.WebHost.UseStaticWebAssets();
        AddPrefixedEnvironmentVariables(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddFinSightOptions();

        services.AddSingleton<DatabaseLocation>();
        services.AddDbContextFactory<FinSightDbContext>((sp, options) =>
            options.UseSqlite(sp.GetRequiredService<DatabaseLocation>().ConnectionString)
                   .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));
        services.AddSingleton<TrackingReader>();
        services.AddSingleton<OverviewReader>();
        services.AddSingleton<RunGridQuery>();
        services.AddSingleton<PredictionSeriesReader>();
        services.AddSingleton<FinSight.Dashboard.Reports.ReportLoader>();
        services.AddSingleton<KpiReader>();
        services.AddSingleton<FinSight.Dashboard.Data.Mlflow.MlflowTrackingReader>();
        services.AddSingleton<FinSight.Dashboard.Apis.Mlflow.MlflowValidator>();

        services.AddSingleton(sp => new TrackingValidator(sp.GetRequiredService<IOptions<TrackingLimits>>().Value));
        services.AddSingleton<IngestionQueue>();
        services.AddSingleton<IngestionService>();
        services.AddSingleton<LiveMetricsStore>();
        services.AddSingleton<ReadableLiveSeries>();
        services.AddSingleton<AbTestDesignValidator>();
        services.AddSingleton<AbTestCatalog>();
        services.AddSingleton<AbTestService>();
        services.AddSingleton<AbTestReader>();
        services.AddSingleton<HyperparameterReader>();
        services.AddFinSightArtifacts();
        // Hosted services start in this order: the database first, then its writer, then what feeds it.
        services.AddHostedService<DatabaseInitializer>();
        services.AddFinSightAccess();
        services.AddHostedService<AccessBootstrapper>();
        services.AddHostedService<IngestionWriter>();
        // After the database initializer: hosted services start in registration order.
        services.AddHostedService<AbTestScheduler>();
        services.AddSingleton<ChunkCompactor>();
        services.AddHostedService(sp => sp.GetRequiredService<ChunkCompactor>());
        services.AddSingleton<DemoTrainer>();
        services.AddHostedService<DemoStarter>();

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        });
        services.AddProblemDetails();
        services.AddSignalR()
            // The ingestion hub's own filters, not global ones: the dashboard's Blazor circuit is a hub too, and its
            // calls carry a sign-in cookie, never a key.
            .AddHubOptions<IngestHub>(o =>
            {
                o.AddFilter<ApiKeyHubFilter>(); // outermost: a revoked key is refused before anything else runs
                o.AddFilter<TrackingErrorHubFilter>();
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)
            .AddMessagePackProtocol();

        // Hubs take whole batches (a 10,000-point JSON batch is ~850 KB; SignalR's default is 32 KB).
        services.AddOptions<HubOptions>().Configure<IOptions<IngestionOptions>>((hub, ingestion) =>
            hub.MaximumReceiveMessageSize = ingestion.Value.MaxHubMessageBytes);

        services.AddRazorComponents().AddInteractiveServerComponents();
        // Bottom right: top right covers the pages' primary buttons just under the app bar.
        services.AddMudServices(c => c.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);
        return builder;
    }

    /// <summary>
    /// Environment variables named <c>FinSight__Section__Key</c> (e.g. <c>FinSight__Auth__BootstrapApiKey</c>) set
    /// <c>Section:Key</c>, above appsettings.json and the plain environment, below the command line.
    /// </summary>
    private static void AddPrefixedEnvironmentVariables(ConfigurationManager configuration)
    {
        var sources = ((IConfigurationBuilder)configuration).Sources;
        var commandLine = sources.ToList().FindIndex(s => s is Microsoft.Extensions.Configuration.CommandLine.CommandLineConfigurationSource);
        var prefixed = new Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource { Prefix = "FinSight__" };
        if (commandLine < 0) sources.Add(prefixed);
        else sources.Insert(commandLine, prefixed);
    }

    private static void AddFinSightOptions(this IServiceCollection services)
    {
        services.AddSingleton<FinSightOptionsValidation>();
        void Bind<T>(string section) where T : class
        {
            services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
            services.AddSingleton<IValidateOptions<T>>(sp => (IValidateOptions<T>)(object)sp.GetRequiredService<FinSightOptionsValidation>());
        }
        Bind<TrackingLimits>(TrackingLimits.SectionName);
        Bind<StorageOptions>(StorageOptions.SectionName);
        Bind<IngestionOptions>(IngestionOptions.SectionName);
        Bind<LiveOptions>(LiveOptions.SectionName);
        Bind<DemoOptions>(DemoOptions.SectionName);
        Bind<AuthOptions>(AuthOptions.SectionName);
        Bind<AbTestingOptions>(AbTestingOptions.SectionName);
        Bind<HyperparameterOptions>(HyperparameterOptions.SectionName);
        Bind<ArtifactOptions>(ArtifactOptions.SectionName);
        Bind<MlflowOptions>(MlflowOptions.SectionName);
    }
}
