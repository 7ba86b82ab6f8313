using System.Runtime.CompilerServices;
using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using FinSight.Core.Access;
using FinSight.Dashboard.AbTests;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Artifacts;
using FinSight.Client;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Demo;
using FinSight.Dashboard.Ingestion;
using FinSight.Dashboard.Live;
using FinSight.Tests.Integration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Xunit;

namespace FinSight.Tests.Components;

/// <summary>
/// A bUnit context whose pages and charts use a real running server's services: the real SQLite file, the
/// real writer and the real live store, fed through FinSight.Client as training code would feed them.
/// </summary>
public sealed class ServerBackedContext : IAsyncDisposable
{
    private ServerBackedContext(FinSightServer server, BunitContext context, LiveMetricsStore live)
    {
        Server = server;
        Context = context;
        Live = live;
    }

    public FinSightServer Server { get; }

    public BunitContext Context { get; }

    /// <summary>The live store the rendered components use (the server's, unless a test brings its own).</summary>
    public LiveMetricsStore Live { get; }

    public static async Task<ServerBackedContext> StartAsync(LiveMetricsStore? live = null)
    {
        var server = await FinSightServer.StartAsync();
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        var services = server.Services;
        SignIn(context, server.Admin);
        live ??= services.GetRequiredService<LiveMetricsStore>();
        context.Services.AddSingleton(live);
        context.Services.AddSingleton(services.GetRequiredService<TrackingReader>());
        context.Services.AddSingleton(services.GetRequiredService<OverviewReader>());
        context.Services.AddSingleton(services.GetRequiredService<RunGridQuery>());
        context.Services.AddSingleton(services.GetRequiredService<IngestionService>());
        context.Services.AddSingleton(services.GetRequiredService<DemoTrainer>());
        context.Services.AddSingleton(services.GetRequiredService<TimeProvider>());
        context.Services.AddSingleton(services.GetRequiredService<ExperimentAccess>());
        context.Services.AddSingleton(new ReadableLiveSeries(live, services.GetRequiredService<ExperimentAccess>()));
        context.Services.AddSingleton(services.GetRequiredService<ApiKeyService>());
        context.Services.AddSingleton(services.GetRequiredService<AuditLog>());
        context.Services.AddSingleton(services.GetRequiredService<PermissionAdministration>());
        context.Services.AddSingleton(services.GetRequiredService<AbTestService>());
        context.Services.AddSingleton(services.GetRequiredService<AbTestReader>());
        context.Services.AddSingleton(services.GetRequiredService<HyperparameterReader>());
        context.Services.AddSingleton(services.GetRequiredService<ArtifactService>());
        context.Services.AddSingleton(services.GetRequiredService<ArtifactPreviewReader>());
        // Scoped services (Identity's user manager) come from a scope of the server that lives as long as the context.
        var scope = services.CreateScope();
        context.Services.AddSingleton(scope.ServiceProvider.GetRequiredService<UserAdministration>());
        context.Services.AddScoped<CurrentCaller>();
        return new ServerBackedContext(server, context, live) { _scope = scope };
    }

    private IServiceScope? _scope;

    // AddAuthorization registers services, which bUnit refuses once anything has rendered: keep the first one per context.
    private static readonly ConditionalWeakTable<BunitContext, BunitAuthorizationContext> Authorizations = new();

    /// <summary>
    /// Renders as <paramref name="user"/> (the server's admin by default): the components see this user's claims. Works
    /// after providers have rendered too, so a test can switch to another user before rendering the page under test.
    /// </summary>
    public static void SignIn(BunitContext context, ClaimsPrincipal user)
    {
        var authorization = Authorizations.GetValue(context, c => c.AddAuthorization());
        authorization.SetAuthorized(user.Email());
        if (user.Role() is { } role) authorization.SetRoles(role);
        authorization.SetClaims(user.Claims.Where(c => c.Type != ClaimTypes.Name && c.Type != ClaimTypes.Role).ToArray());
    }

    /// <summary>Renders as another user from now on.</summary>
    public void SignIn(ClaimsPrincipal user) => SignIn(Context, user);

    public FinSightClient NewClient(bool systemMetrics = false) =>
        new(new FinSightClientOptions { ServerUrl = Server.Address, ApiKey = FinSightServer.AdminKey, SystemMetrics = systemMetrics });

    /// <summary>Logs one point per step for each key (value = f(key, step)) and waits for the acknowledgement.</summary>
    public static async Task LogAsync(FinSightRun run, IEnumerable<long> steps, params (string Key, Func<long, double> Value)[] series)
    {
        foreach (var step in steps)
        {
            run.LogMetrics(series.ToDictionary(s => s.Key, s => s.Value(step)), step);
        }
        await run.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        _scope?.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>Base of component tests that render over a fresh running server per test.</summary>
public abstract class ServerBackedTest : IAsyncLifetime
{
    private FinSightClient? _client;

    protected ServerBackedContext Ctx { get; private set; } = null!;

    /// <summary>One client per test, created on first use, for tests that do not need several.</summary>
    protected FinSightClient Client => _client ??= Ctx.NewClient();

    public async ValueTask InitializeAsync()
    {
        Ctx = await ServerBackedContext.StartAsync();
        OnStarted();
    }

    /// <summary>Renders providers (popovers, dialogs) a test's components need, once the context exists.</summary>
    protected virtual void OnStarted() { }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null) await _client.DisposeAsync();
        await Ctx.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
