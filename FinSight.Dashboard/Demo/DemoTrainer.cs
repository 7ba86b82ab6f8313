using FinSight.Client;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Configuration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace FinSight.Dashboard.Demo;

/// <summary>
/// A simulated training process that logs through FinSight.Client over this server's own public
/// hub, exactly as a user's script would (with an API key of the user who started it), so a newcomer
/// sees the whole live path working.
/// </summary>
public sealed class DemoTrainer(IServer server, ApiKeyService keys, IOptions<DemoOptions> options, TimeProvider time,
    IHostApplicationLifetime lifetime, ILogger<DemoTrainer> logger)
{
    public const string ExperimentName = "demo";
    private readonly Lock _lock = new();
    private Task<string>? _current;

    /// <summary>The id of the demo run in progress, if any.</summary>
    public string? CurrentRunId { get; private set; }

    /// <summary>Starts a demo run as <paramref name="ownerUserId"/> unless one is in progress; returns its run id once it has started.</summary>
    public Task<string> StartAsync(string ownerUserId)
    {
        lock (_lock)
        {
            if (_current is { IsCompleted: false } || (_current is { IsCompletedSuccessfully: true } && _isRunning))
                return _current;
            var started = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _current = started.Task;
            _ = Task.Run(() => TrainAsync(ownerUserId, started, lifetime.ApplicationStopping));
            return _current;
        }
    }

    private volatile bool _isRunning;

    private async Task TrainAsync(string ownerUserId, TaskCompletionSource<string> started, CancellationToken stopping)
    {
        var demo = options.Value;
        try
        {
            // A key of its own that outlives the run by an hour: the demo logs like any training script.
            var lifetimeMs = (long)((demo.StepInterval * demo.Steps) + TimeSpan.FromHours(1)).TotalMilliseconds;
            var key = await keys.CreateForUserAsync(ownerUserId, "demo run", time.GetUtcNow().ToUnixTimeMilliseconds() + lifetimeMs, secret: null, stopping);
            await using var client = new FinSightClient(new FinSightClientOptions
            {
                ServerUrl = OwnAddress(),
                ApiKey = key.Secret,
                SystemMetricsInterval = TimeSpan.FromSeconds(2),
            });
            var seed = Environment.TickCount;
            var parameters = new Dictionary<string, string>
            {
                ["model"] = "resnet18", ["optimizer"] = "adamw", ["learning_rate"] = "3e-4",
                ["batch_size"] = "128", ["weight_decay"] = "0.05", ["seed"] = seed.ToString(),
            };
            var tags = new Dictionary<string, string> { ["source"] = "demo", ["dataset"] = "cifar10-simulated" };
            await using var run = await client.StartRunAsync(ExperimentName, $"demo-{DateTime.UtcNow:HHmmss}", parameters, tags, stopping);
            CurrentRunId = run.RunId;
            _isRunning = true;
            started.TrySetResult(run.RunId);
            await DemoArtifacts.UploadAsync(run, parameters, stopping);
            using var abTestStop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var abTest = DemoAbTest.RunAsync(OwnAddress(), key.Secret, client, run.ExperimentId, run.RunId, TimeSpan.FromSeconds(1), logger, abTestStop.Token);
            var sweep = DemoSweep.RunAsync(OwnAddress(), key.Secret, logger, stopping);
            var training = new SimulatedTraining(demo.Steps, seed);
            for (var step = 0; step < demo.Steps && !stopping.IsCancellationRequested; step++)
            {
                run.LogMetrics(training.Step(step), step);
                await Task.Delay(demo.StepInterval, stopping).ConfigureAwait(false);
            }
            await abTestStop.CancelAsync();
            await Task.WhenAll(abTest, sweep);
            await run.EndAsync(stopping.IsCancellationRequested ? Core.Tracking.RunStatus.Killed : Core.Tracking.RunStatus.Finished, CancellationToken.None);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "The demo run failed.");
            started.TrySetException(e);
        }
        finally
        {
            _isRunning = false;
        }
    }

    private Uri OwnAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server has no address yet; start the demo after the server has started.");
        var uri = new UriBuilder(address.Replace("0.0.0.0", "localhost").Replace("[::]", "localhost").Replace("+", "localhost").Replace("*", "localhost"));
        return uri.Uri;
    }
}
