using System.Diagnostics;

namespace FinSight.Client.SystemMetrics;

/// <summary>
/// Runs <c>nvidia-smi</c> for GPU readings. Machines without NVIDIA GPUs have no such program, so
/// it is looked up on PATH once, and after the first failure it is never started again: a failing
/// process every interval would cost more than the metrics are worth.
/// </summary>
internal sealed class NvidiaSmi
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private string? _executable;

    /// <summary>Looks nvidia-smi up on PATH; <paramref name="executable"/> overrides that (tests).</summary>
    public NvidiaSmi(string? executable = null) => _executable = executable ?? FindOnPath();

    /// <summary>False once nvidia-smi is known to be missing or broken.</summary>
    public bool IsAvailable => _executable is not null;

    /// <summary>The GPUs' readings, or an empty list when nvidia-smi is unavailable or fails.</summary>
    public async Task<IReadOnlyList<GpuReading>> ReadAsync(CancellationToken cancellationToken)
    {
        if (_executable is not { } executable) return [];
        try
        {
            var output = await RunAsync(executable, cancellationToken).ConfigureAwait(false);
            if (output is not null) return NvidiaSmiParser.Parse(output);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception)
        {
            // Not startable (permissions, a broken driver): treated as absent, below.
        }
        _executable = null;
        return [];
    }

    private static async Task<string?> RunAsync(string executable, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(executable, NvidiaSmiParser.QueryArguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        using var process = Process.Start(startInfo);
        if (process is null) return null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            await errors.ConfigureAwait(false);
            return process.ExitCode == 0 ? await output.ConfigureAwait(false) : null;
        }
        catch (OperationCanceledException)
        {
            // A hung driver can leave nvidia-smi waiting forever; do not leave it behind.
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    private static string? FindOnPath()
    {
        var name = OperatingSystem.IsWindows() ? "nvidia-smi.exe" : "nvidia-smi";
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
