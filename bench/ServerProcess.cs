using System.Diagnostics;
using System.Net.Sockets;

namespace FinSight.Bench;

/// <summary>The FinSight server as its own process, so its CPU time and peak memory can be read from /proc.</summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<ServerProcess> StartAsync(string repositoryRoot, string configuration, string dataFolder, int port,
        params string[] settings)
    {
        var dll = Path.Combine(repositoryRoot, "FinSight.Dashboard", "bin", configuration, "net10.0", "FinSight.Dashboard.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"Build the server first: {dll} is missing.");
        var start = new ProcessStartInfo("dotnet", [dll,
            "--Urls", $"http://127.0.0.1:{port}",
            "--Storage:ConnectionString", $"Data Source={Path.Combine(dataFolder, "bench.db")}",
            "--Logging:LogLevel:Default", "Warning", ..settings])
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[server] {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[server] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"The server exited with {process.ExitCode}.");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return new ServerProcess(process, new Uri($"http://127.0.0.1:{port}/"));
            }
            catch (SocketException)
            {
                await Task.Delay(200);
            }
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("The server did not start listening within 60 s.");
    }

    /// <summary>User plus system CPU time of the server so far (from /proc/PID/stat, in clock ticks of 10 ms).</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Peak resident memory (VmHWM) in MiB.</summary>
    public double PeakMemoryMiB()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
        }
        return double.NaN;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
        _process.Dispose();
    }
}
