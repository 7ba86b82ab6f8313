using Bunit;
using FinSight.Core.Access;
using FinSight.Dashboard.Components.Pages;
using FinSight.Dashboard.Components.Pages.Hyperparameters;
using FinSight.Tests.Integration;
using MudBlazor;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Xunit;
using static FinSight.Tests.Integration.AccessTestUsers;

namespace FinSight.Tests.Components.Pages;

/// <summary>The hyperparameters page rendered by bUnit over a running server, with runs logged through FinSightClient.</summary>
public sealed class HyperparametersPageTests : ServerBackedTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    protected override void OnStarted()
    {
        Ctx.Context.Render<MudPopoverProvider>();
    }

    /// <summary>
    /// Finished runs of "tuning": val_loss rises with lr (1e-3, 2e-3, …: the driver), adam is 0.15 better than sgd (every
    /// third run), seed never changes. Lowest val_loss: trial-1 (0.3), then trial-0 (0.35); highest: trial-11 (1.3), trial-9 (1.25).
    /// Returns the experiment id.
    /// </summary>
    private async Task<string> TuningRunsAsync(int count)
    {
        string experimentId = "";
        for (var i = 0; i < count; i++)
        {
            var lr = 0.001 * (i + 1);
            var lrText = $"{i + 1}e-3";
            var optimizer = i % 3 == 0 ? "sgd" : "adam";
            var run = await Client.StartRunAsync("tuning", $"trial-{i}", new Dictionary<string, string>
            {
                ["lr"] = lrText, ["optimizer"] = optimizer, ["seed"] = "42",
            });
            var loss = 0.1 + 100 * lr + (optimizer == "sgd" ? 0.15 : 0);
            await ServerBackedContext.LogAsync(run, [0, 1], ("train_loss", step => loss / 2 + 0.1 * (1 - step)), ("val_loss", step => loss + 0.1 * (1 - step)));
            await run.EndAsync();
            experimentId = run.ExperimentId;
        }
        return experimentId;
    }

    private IRenderedComponent<HyperparametersPage> Open(string experimentId) =>
        Ctx.Context.Render<HyperparametersPage>(p => p.Add(c => c.ExperimentId, experimentId));

    private static PlotlyChart? Chart(IRenderedComponent<HyperparametersPage> page, string id) =>
        page.FindComponents<PlotlyChart>().Select(c => c.Instance).SingleOrDefault(c => c.Id == id);

    [Fact]
    public async Task Page_TuningRuns_TableRecommendationsAndCharts()
    {
        var experimentId = await TuningRunsAsync(12);

        var page = Open(experimentId);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#hp-params tbody tr")), Patience);
        // The validation loss is the default target (what tuning optimizes), lower is better by its name.
        Assert.Equal(["lr", "optimizer", "seed"], page.FindAll("#hp-params tbody tr").Select(r => r.GetAttribute("data-param")));
        var lr = page.Find("#hp-params tr[data-param='lr']");
        Assert.Equal("clear", lr.GetAttribute("data-effect"));
        Assert.Equal("0.97 (<0.001)", lr.QuerySelector(".hp-spearman")!.TextContent.Trim());
        Assert.Equal("1e-3 – 2e-3", lr.QuerySelector(".hp-optimal")!.TextContent.Trim());
        Assert.Equal("–", page.Find("#hp-params tr[data-param='optimizer'] .hp-pearson").TextContent.Trim());
        Assert.Equal("42 (every run)", page.Find("#hp-params tr[data-param='seed'] .hp-optimal").TextContent.Trim());
        var recommendations = page.FindAll("#hp-recommendations li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal("Best of 12 runs by best val_loss (lower is better): trial-1 with 0.3.", recommendations[0]);
        Assert.StartsWith("lr between 1e-3 and 2e-3 in all of the 2 best runs; lower lr tends to give better val_loss", recommendations[1]);
        Assert.Contains("12 finished runs analysed", page.Find("#hp-summary").TextContent);

        var importance = Chart(page, "hp-importance-chart")!;
        Assert.Equal(2, importance.Data.Count);
        Assert.Equal(["lr", "optimizer"], ((Bar)importance.Data[0]).X.Cast<string>());
        var parcoords = (ParCoords)Assert.Single(Chart(page, "hp-parcoords")!.Data);
        Assert.Equal(["lr", "optimizer", "val_loss (best)"], parcoords.Dimensions.Select(d => d.Label));
        var scatter = Chart(page, "hp-scatter-lr")!;
        Assert.Equal(["runs", "best runs"], scatter.Data.Cast<Scatter>().Select(t => t.Name));
        Assert.Equal(2, scatter.Data.Cast<Scatter>().Last().X.Count);
        Assert.NotNull(Chart(page, "hp-scatter-optimizer"));
        Assert.Null(Chart(page, "hp-scatter-seed"));
        Assert.Empty(page.FindAll("#hp-too-few"));
    }

    [Fact]
    public async Task Page_HigherIsBetterAndLast_AnalysisFollowsTheControls()
    {
        var experimentId = await TuningRunsAsync(12);
        var page = Open(experimentId);
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#hp-recommendations li")), Patience);

        page.Find("#hp-mode-max").Click();
        page.WaitForAssertion(() => Assert.StartsWith("Best of 12 runs by best val_loss (higher is better): trial-11",
            page.Find("#hp-recommendations li").TextContent.Trim()), Patience);
        page.Find("#hp-aggregate-last").Click();

        page.WaitForAssertion(() => Assert.StartsWith("Best of 12 runs by last val_loss (higher is better): trial-11",
            page.Find("#hp-recommendations li").TextContent.Trim()), Patience);
        Assert.Equal("10e-3 – 12e-3", page.Find("#hp-params tr[data-param='lr'] .hp-optimal").TextContent.Trim());
    }

    [Fact]
    public async Task Page_TooFewRuns_SaysHowManyMoreInsteadOfNumbers()
    {
        var experimentId = await TuningRunsAsync(4);

        var page = Open(experimentId);

        page.WaitForAssertion(() => Assert.Equal(
            "Hyperparameter analysis needs at least 10 finished runs with a value of val_loss; this experiment has 4, so 6 more are needed.",
            page.Find("#hp-too-few").TextContent.Trim()), Patience);
        Assert.Empty(page.FindAll("#hp-params"));
        Assert.Empty(page.FindAll("#hp-recommendations"));
        Assert.Empty(page.FindComponents<PlotlyChart>());
    }

    [Fact]
    public async Task Page_WithoutReadPermission_ForbiddenNamingIt()
    {
        var experimentId = await TuningRunsAsync(1);
        var outsider = await CreateAsync(Ctx.Server, Roles.Researcher);
        await GrantAsync(Ctx.Server, experimentId, outsider, PermissionLevel.NoPermissions);
        Ctx.SignIn(outsider.Principal);

        var page = Open(experimentId);

        page.WaitForAssertion(() => Assert.Contains($"You need READ permission on experiment {experimentId}", page.Find("#page-forbidden").TextContent), Patience);
        Assert.Empty(page.FindAll("#hp-params"));
        Assert.DoesNotContain("val_loss", page.Markup);
    }

    [Fact]
    public void Page_UnknownExperiment_SaysSo()
    {
        var page = Open("424242");

        page.WaitForAssertion(() => Assert.Equal("Experiment 424242 does not exist.", page.Find("#hp-not-found").TextContent.Trim()), Patience);
    }

    [Fact]
    public async Task ExperimentPage_LinksToTheHyperparametersPage()
    {
        var experimentId = await TuningRunsAsync(1);

        var page = Ctx.Context.Render<ExperimentPage>(p => p.Add(c => c.ExperimentId, experimentId));

        page.WaitForAssertion(() => Assert.Equal($"/experiments/{experimentId}/hyperparameters",
            page.Find("#experiment-hyperparameters-link").GetAttribute("href")), Patience);
    }
}
