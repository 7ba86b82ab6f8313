using FinSight.Dashboard.Configuration;
using Microsoft.Extensions.Options;

namespace FinSight.Dashboard.AbTests;

/// <summary>Ends running tests when their end date comes (checked every <c>AbTesting:EndCheckInterval</c>).</summary>
public sealed class AbTestScheduler(AbTestService service, IOptions<AbTestingOptions> options, TimeProvider time, ILogger<AbTestScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.EndCheckInterval, time);
        do
        {
            try
            {
                var ended = await service.EndDueTestsAsync(stoppingToken);
                if (ended > 0) logger.LogInformation("Ended {Count} A/B tests whose end date came.", ended);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be busy or starting; the next tick tries again.
                logger.LogWarning(e, "Could not end due A/B tests; retrying at the next check.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
