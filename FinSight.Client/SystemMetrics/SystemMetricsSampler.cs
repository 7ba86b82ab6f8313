namespace FinSight.Client.SystemMetrics;

/// <summary>
/// Logs <c>system/*</c> metrics for one run every interval, step = sample number (from 0).
/// CPU usage is the busy share since the previous sample; network bytes count what every
/// non-loopback interface moved since the sampler started.
/// </summary>
internal sealed class SystemMetricsSampler : IAsyncDisposable
{
    private const double MiBPerGb = 1024.0;
    private readonly Action<IReadOnlyDictionary<string, double>, long> _log;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _timeProvider;
    private readonly NvidiaSmi _nvidiaSmi;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private CpuTimes? _previousCpu;
    private long? _networkBaseline;

    /// <summary>Creates a sampler that hands each sample to <paramref name="log"/> with its step.</summary>
    public SystemMetricsSampler(
        Action<IReadOnlyDictionary<string, double>, long> log, TimeSpan interval, TimeProvider timeProvider, NvidiaSmi? nvidiaSmi = null)
    {
        _log = log;
        _interval = interval;
        _timeProvider = timeProvider;
        _nvidiaSmi = nvidiaSmi ?? new NvidiaSmi();
    }

    /// <summary>Takes the baselines and starts sampling.</summary>
    public void Start()
    {
        _previousCpu = HostReadings.Cpu();
        _networkBaseline = HostReadings.NetworkBytes();
        _loop = Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        try
        {
            using var timer = new PeriodicTimer(_interval, _timeProvider);
            for (var step = 0L; await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false); step++)
            {
                var sample = await CollectAsync(_stop.Token).ConfigureAwait(false);
                if (sample.Count > 0) _log(sample, step);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception)
        {
            // The run refused more points (ended, or the server refused a batch): the run reports
            // that to its owner; sampling simply stops.
        }
    }

    private async Task<Dictionary<string, double>> CollectAsync(CancellationToken cancellationToken)
    {
        var sample = new Dictionary<string, double>();
        var cpu = HostReadings.Cpu();
        if (cpu is { } now && _previousCpu is { } before && now.UsagePercentSince(before) is { } cpuPercent)
        {
            sample["system/cpu_percent"] = cpuPercent;
        }
        _previousCpu = cpu ?? _previousCpu;

        if (HostReadings.Memory() is { } memory)
        {
            sample["system/memory_percent"] = memory.UsedPercent;
            sample["system/memory_used_gb"] = memory.UsedGb;
        }
        if (HostReadings.DiskUsedPercent() is { } diskPercent) sample["system/disk_percent"] = diskPercent;
        if (HostReadings.NetworkBytes() is { } networkBytes)
        {
            _networkBaseline ??= networkBytes;
            // Counters restart when an interface is re-created; never report a negative total.
            sample["system/network_bytes"] = Math.Max(0, networkBytes - _networkBaseline.Value);
        }

        if (_nvidiaSmi.IsAvailable)
        {
            foreach (var gpu in await _nvidiaSmi.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                AddGpu(sample, gpu);
            }
        }
        return sample;
    }

    /// <summary>Adds one GPU's metrics, leaving out the fields the driver did not report.</summary>
    internal static void AddGpu(Dictionary<string, double> sample, GpuReading gpu)
    {
        var prefix = $"system/gpu/{gpu.Index}/";
        if (gpu.UtilizationPercent is { } utilization) sample[prefix + "utilization"] = utilization;
        if (gpu.MemoryUsedMiB is { } used) sample[prefix + "memory_used_gb"] = used / MiBPerGb;
        if (gpu.MemoryTotalMiB is { } total) sample[prefix + "memory_total_gb"] = total / MiBPerGb;
        if (gpu.TemperatureC is { } temperature) sample[prefix + "temperature_c"] = temperature;
        if (gpu.PowerW is { } power) sample[prefix + "power_w"] = power;
    }

    /// <summary>Stops sampling and waits for a sample in progress to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) _stop.Cancel();
        await _loop.ConfigureAwait(false);
    }
}
