using System.Net;
using Xunit;

namespace FinSight.Tests.Integration;

/// <summary>A mistyped address: people get the dashboard's page, programs get problem details.</summary>
public sealed class NotFoundTests : IAsyncLifetime
{
    private FinSightServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FinSightServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Get_UnknownPage_404WithTheDashboardsNotFoundPage()
    {
        using var http = _server.CreateHttpClient();

        using var response = await http.GetAsync("no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Nothing at this address", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_UnknownApiRoute_404AsProblemDetails()
    {
        using var http = _server.CreateHttpClient();

        using var response = await http.GetAsync("api/v1/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
