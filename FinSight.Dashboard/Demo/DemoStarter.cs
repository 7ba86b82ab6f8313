using FinSight.Core.Access;
using FinSight.Dashboard.Configuration;
using FinSight.Dashboard.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FinSight.Dashboard.Demo;

/// <summary>Starts a demo run (as the first admin) once the server listens, when <c>--demo</c> (Demo:Enabled) asks for it.</summary>
public sealed class DemoStarter(DemoTrainer trainer, IServiceScopeFactory scopes, IOptions<DemoOptions> options, IHostApplicationLifetime lifetime,
    ILogger<DemoStarter> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            lifetime.ApplicationStarted.Register(() => _ = StartDemoAsync());
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task StartDemoAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<FinSightUser>>();
            var admin = (await users.GetUsersInRoleAsync(Roles.Admin)).First(a => !a.IsDisabled);
            var runId = await trainer.StartAsync(admin.Id);
            logger.LogInformation("Demo run {RunId} is streaming; open the home page to watch it.", runId);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not start the demo run.");
        }
    }
}
