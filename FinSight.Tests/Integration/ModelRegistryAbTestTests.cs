using System.Net;
using System.Net.Http.Json;
using FinSight.Core.Contracts;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Ingestion;
using FinSight.Dashboard.Registry;
using FinSight.Tests.Components.Pages.AbTests;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static FinSight.Tests.Integration.AccessTestUsers;

namespace FinSight.Tests.Integration;

/// <summary>A/B test variants serving registered model versions: by number or by alias (fixed at creation), refused when unknown.</summary>
public sealed class ModelRegistryAbTestTests : IAsyncLifetime
{
    private FinSightServer _server = null!;
    private HttpClient _http = null!;
    private string _experimentId = "";

    public async ValueTask InitializeAsync()
    {
        _server = await FinSightServer.StartAsync();
        _http = _server.CreateHttpClient();
        _experimentId = await CreateExperimentAsync(_server, "serving");
        var run = await _server.Services.GetRequiredService<IngestionService>().StartRunAsync(_server.Admin, new StartRunRequest { ExperimentId = _experimentId });
        var registry = _server.Services.GetRequiredService<ModelRegistryService>();
        await registry.CreateModelAsync(_server.Admin, "ranker", null, null);
        for (var i = 0; i < 2; i++) await registry.CreateVersionAsync(_server.Admin, new CreateModelVersionInput("ranker", $"runs:/{run.RunId}/model", null));
        await registry.SetAliasAsync(_server.Admin, "ranker", "champion", "2");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Create_VariantsByVersionAndByAlias_StoresVersionsAndTheModelPageListsTheTest()
    {
        var body = AbTestSeed.Body(_experimentId, "ranker-v1-vs-champion");
        body.Variants![0].ModelRef = "models:/ranker/1";
        body.Variants[1].ModelRef = "models:/ranker@champion";

        var response = await _http.PostAsJsonAsync("api/v1/ab-tests", body, FinSightServer.Json);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var test = (await response.Content.ReadFromJsonAsync<AbTestInfo>(FinSightServer.Json))!;
        // The alias is resolved now: the test records the version it served even after champion moves.
        Assert.Equal(["models:/ranker/1", "models:/ranker/2"], test.Variants.Select(v => v.ModelRef));
        await _server.Services.GetRequiredService<ModelRegistryService>().SetAliasAsync(_server.Admin, "ranker", "champion", "1");
        var reread = await _server.GetJsonAsync<AbTestInfo>($"api/v1/ab-tests/{test.TestId}");
        Assert.Equal("models:/ranker/2", reread.Variants[1].ModelRef);

        var detail = (await _server.Services.GetRequiredService<ModelRegistryReader>().DetailAsync(_server.Admin, "ranker"))!;
        Assert.Equal(("ranker-v1-vs-champion", "control"), (Assert.Single(detail.Uses[1]).TestName, detail.Uses[1][0].Variant));
        Assert.Equal("treatment", Assert.Single(detail.Uses[2]).Variant);
    }

    [Theory]
    [InlineData("models:/unknown/1", "variants[1].modelRef: registered model 'unknown' does not exist.")]
    [InlineData("models:/ranker/9", "variants[1].modelRef: registered model 'ranker' has no version 9.")]
    [InlineData("models:/ranker@challenger", "variants[1].modelRef: registered model 'ranker' has no alias 'challenger'.")]
    public async Task Create_UnknownModelVersionOrAlias_400NamingIt(string modelRef, string message)
    {
        var body = AbTestSeed.Body(_experimentId, "refused");
        body.Variants![1].ModelRef = modelRef;

        var response = await _http.PostAsJsonAsync("api/v1/ab-tests", body, FinSightServer.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await DetailAsync(response));
        Assert.DoesNotContain(await _server.GetJsonAsync<List<AbTestListItem>>("api/v1/ab-tests"), t => t.Name == "refused");
    }
}
