using Bunit;
using FinSight.Core.Access;
using FinSight.Core.Contracts;
using FinSight.Dashboard.Components.Pages.Models;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Ingestion;
using FinSight.Dashboard.Registry;
using FinSight.Tests.Integration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Xunit;

namespace FinSight.Tests.Components.Pages.Models;

/// <summary>The registry pages rendered by bUnit over a running server's real services.</summary>
public sealed class ModelPagesTests : ServerBackedTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private ModelRegistryService Registry => Ctx.Server.Services.GetRequiredService<ModelRegistryService>();

    protected override void OnStarted() => Ctx.Context.Render<MudPopoverProvider>();

    /// <summary>A model with <paramref name="versions"/> versions from one new run; returns the run id.</summary>
    private async Task<string> RegisterAsync(string name, int versions, string? description = null)
    {
        var experimentId = await AccessTestUsers.CreateExperimentAsync(Ctx.Server, $"exp-{name}");
        var run = await Ctx.Server.Services.GetRequiredService<IngestionService>().StartRunAsync(Ctx.Server.Admin, new StartRunRequest { ExperimentId = experimentId });
        await Registry.CreateModelAsync(Ctx.Server.Admin, name, description, null);
        for (var i = 0; i < versions; i++) await Registry.CreateVersionAsync(Ctx.Server.Admin, new CreateModelVersionInput(name, $"runs:/{run.RunId}/model", null));
        return run.RunId;
    }

    [Fact]
    public async Task ModelsPage_Search_NarrowsToMatchingNames()
    {
        await RegisterAsync("fx-forecaster", 2, "EUR/USD");
        await RegisterAsync("credit-risk", 1);

        var page = Ctx.Context.Render<ModelsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#models-table tr.model-row").Count), Patience);
        page.Find("#models-search").Input("FX");

        page.WaitForAssertion(() => Assert.Equal(["fx-forecaster"], page.FindAll("a.model-link").Select(a => a.TextContent)), Patience);
        Assert.Equal("Version 2", page.Find(".model-latest").TextContent.Trim());
        Assert.Equal("/models/fx-forecaster", page.Find("a.model-link").GetAttribute("href"));
    }

    [Fact]
    public async Task ModelPage_Viewer_SeesVersionsButNoEditingControls()
    {
        var runId = await RegisterAsync("risk model", 2, "VaR at 99%");
        await Registry.SetAliasAsync(Ctx.Server.Admin, "risk model", "champion", "1");
        var viewer = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Viewer);
        Ctx.SignIn(viewer.Principal);

        var page = Ctx.Context.Render<ModelPage>(p => p.Add(m => m.Name, "risk model"));

        page.WaitForAssertion(() => Assert.Equal(["2", "1"], page.FindAll(".model-version-number").Select(c => c.TextContent)), Patience);
        Assert.Equal("VaR at 99%", page.Find("#model-description").TextContent);
        Assert.Equal("champion", page.Find("#version-1 .model-version-alias").TextContent.Trim());
        Assert.Equal($"/runs/{runId}", page.Find("#version-1 a.model-version-run-link").GetAttribute("href"));
        Assert.Empty(page.FindAll("#set-alias"));
        Assert.Empty(page.FindAll("#model-description-input"));
        Assert.Empty(page.FindAll(".model-version-stage-select"));
        Assert.Equal("None", page.Find("#version-1 .model-version-stage").TextContent.Trim());
    }

    [Fact]
    public async Task ModelPage_Researcher_SavesDescriptionAndMovesAnAlias()
    {
        await RegisterAsync("ranker", 2);
        await Registry.SetAliasAsync(Ctx.Server.Admin, "ranker", "champion", "1");
        var researcher = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Researcher);
        Ctx.SignIn(researcher.Principal);
        var page = Ctx.Context.Render<ModelPage>(p => p.Add(m => m.Name, "ranker"));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#set-alias")), Patience);

        page.Find("#model-description-input").Change("Ranks search results");
        await page.Find("#model-description-save").ClickAsync(new());
        page.Find("#alias-name").Change("champion");
        await page.Find("#set-alias").ClickAsync(new());

        var reader = Ctx.Server.Services.GetRequiredService<ModelRegistryReader>();
        page.WaitForAssertion(() => Assert.Equal("champion", page.Find("#version-2 .model-version-alias").TextContent.Trim()), Patience);
        Assert.Empty(page.FindAll("#version-1 .model-version-alias"));
        var model = (await reader.GetModelAsync("ranker"))!;
        Assert.Equal("Ranks search results", model.Description);
        Assert.Equal(2, Assert.Single(model.Aliases).Version);
    }

    [Fact]
    public void ModelPage_UnknownName_SaysSo()
    {
        var page = Ctx.Context.Render<ModelPage>(p => p.Add(m => m.Name, "nothing-here"));

        page.WaitForAssertion(() => Assert.Contains("No registered model is named 'nothing-here'", page.Find("#model-not-found").TextContent), Patience);
    }
}
