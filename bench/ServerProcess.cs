using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace FinSight.Bench;

/// <summary>
/// The FinSight server as its own process, so its CPU time and peak memory can be read from /proc. It starts with
/// an admin account (for the browser benchmarks' sign-in) and that admin's bootstrap API key (for every client),
/// both fresh for each start: the database is new each time.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    public const string AdminEmail = "admin@finsight.bench";

    private readonly Process _process;

    private ServerProcess(Process process, Uri address, string adminPassword, string apiKey)
    {
        _process = process;
        Address = address;
        AdminPassword = adminPassword;
        ApiKey = apiKey;
    }

    public Uri Address { get; }

    public string AdminPassword { get; }

    /// <summary>The admin's key (Auth:BootstrapApiKey): what FinSight.Client and HTTP calls authenticate with.</summary>
    public string ApiKey { get; }

    /// <summary>An HTTP client for the API, sending <see cref="ApiKey"/> as a Bearer token.</summary>
    public HttpClient CreateHttpClient(TimeSpan? timeout = null)
    {
        var http = new HttpClient { BaseAddress = Address, Timeout = timeout ?? TimeSpan.FromSeconds(100) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return http;
    }

    public static async Task<ServerProcess> StartAsync(string repositoryRoot, string configuration, string dataFolder, int port,
        params string[] settings)
    {
        var dll = Path.Combine(repositoryRoot, "FinSight.Dashboard", "bin", configuration, "net10.0", "FinSight.Dashboard.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"Build the server first: {dll} is missing.");
        var adminPassword = "bench-" + Secret();
        var apiKey = "fsk_bench_" + Secret();
        var start = new ProcessStartInfo("dotnet", [dll,
            "--Urls", $"http://127.0.0.1:{port}",
            "--Storage:ConnectionString", $"Data Source={Path.Combine(dataFolder, "bench.db")}",
            "--Logging:LogLevel:Default", "Warning", ..settings])
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Secrets in the environment rather than on the command line, where any process could read them.
            Environment =
            {
                ["FINSIGHT_ADMIN_EMAIL"] = AdminEmail,
                ["FINSIGHT_ADMIN_PASSWORD"] = adminPassword,
                ["FinSight__Auth__BootstrapApiKey"] = apiKey,
            },
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
                return new ServerProcess(process, new Uri($"http://127.0.0.1:{port}/"), adminPassword, apiKey);
            }
            catch (SocketException)
            {
                await Task.Delay(200);
            }
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("The server did not start listening within 60 s.");
    }

    private static string Secret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

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
