using FinSight.Dashboard.Configuration;
using Microsoft.Extensions.Options;

namespace FinSight.Dashboard.Demo;

/// <summary>Starts a demo run once the server listens, when <c>--demo</c> (Demo:Enabled) asks for it.</summary>
public sealed class DemoStarter(DemoTrainer trainer, IOptions<DemoOptions> options, IHostApplicationLifetime lifetime, ILogger<DemoStarter> logger) : IHostedService
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
            var runId = await trainer.StartAsync();
            logger.LogInformation("Demo run {RunId} is streaming; open the home page to watch it.", runId);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not start the demo run.");
        }
    }
}
