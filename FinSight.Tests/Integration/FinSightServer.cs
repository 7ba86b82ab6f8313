using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using FinSight.Dashboard.Access;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FinSight.Tests.Integration;

/// <summary>
/// The real app on a real Kestrel port with a real SQLite file in a temporary folder. Stopping and
/// starting it again on the same port and file is how the restart tests simulate a server restart.
/// </summary>
public sealed class FinSightServer : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The bootstrap admin every test server starts with (FINSIGHT_ADMIN_EMAIL / FINSIGHT_ADMIN_PASSWORD).</summary>
    public const string AdminEmail = "admin@finsight.test";
    public const string AdminPassword = "admin-password-for-tests";

    /// <summary>The admin's key (Auth:BootstrapApiKey), which the helpers below authenticate with.</summary>
    public const string AdminKey = "fsk_test_bootstrap_admin_key_0123456789";

    private readonly Dictionary<string, string?> _settings;
    private Factory? _factory;

    private FinSightServer(string folder, Dictionary<string, string?> settings)
    {
        Folder = folder;
        _settings = settings;
    }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "finsight.db");

    public Uri Address { get; private set; } = null!;

    public int Port { get; private set; }

    public IServiceProvider Services => _factory!.Services;

    /// <summary>The bootstrap admin as the services see them, for tests that call services directly.</summary>
    public ClaimsPrincipal Admin { get; private set; } = null!;

    public static async Task<FinSightServer> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "finsight-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var server = new FinSightServer(folder, settings ?? []);
        await server.StartOnPortAsync(0);
        return server;
    }

    /// <summary>Stops the server gracefully (the writer drains its queue), keeping the database file.</summary>
    public async Task StopAsync()
    {
        if (_factory is null) return;
        await _factory.DisposeAsync();
        _factory = null;
    }

    /// <summary>Starts again on the same port and database file.</summary>
    public Task RestartAsync() => StartOnPortAsync(Port);

    /// <summary>An HTTP client sending <paramref name="apiKey"/> (the admin's key by default; null for none) as a Bearer token.</summary>
    public HttpClient CreateHttpClient(string? apiKey = AdminKey)
    {
        var http = new HttpClient { BaseAddress = Address };
        if (apiKey is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return http;
    }

    /// <summary>A hub connection authenticated with <paramref name="apiKey"/> (the admin's key by default; null for none).</summary>
    public HubConnection CreateHubConnection(bool messagePack, string? apiKey = AdminKey)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(Address, "hubs/ingest"), o =>
        {
            if (apiKey is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(apiKey);
        });
        if (messagePack) builder.AddMessagePackProtocol();
        else builder.AddJsonProtocol(o => o.PayloadSerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals);
        return builder.Build();
    }

    public async Task<T> GetJsonAsync<T>(string path)
    {
        using var http = CreateHttpClient();
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<T>(text, Json)!;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { /* a file still open on a slow shutdown; the temp folder is cleaned later */ }
    }

    private async Task StartOnPortAsync(int port)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = $"Data Source={DatabasePath}",
            ["Storage:CompactionInterval"] = "01:00:00",
            ["Live:NotifyInterval"] = "00:00:00.050",
            ["FINSIGHT_ADMIN_EMAIL"] = AdminEmail,
            ["FINSIGHT_ADMIN_PASSWORD"] = AdminPassword,
            ["Auth:BootstrapApiKey"] = AdminKey,
        };
        foreach (var (key, value) in _settings) settings[key] = value;
        _factory = new Factory(settings);
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address.EndsWith('/') ? address : address + "/");
        Port = Address.Port;
        Admin = (await Services.GetRequiredService<ApiKeyService>().AuthenticateAsync(AdminKey)).Caller
            ?? throw new InvalidOperationException("The bootstrap admin key was not accepted.");
    }

    private sealed class Factory(Dictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(settings));
        }
    }
}
