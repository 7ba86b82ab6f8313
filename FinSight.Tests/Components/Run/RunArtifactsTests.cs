using System.Text;
using Bunit;
using FinSight.Core.Access;
using FinSight.Core.Contracts;
using FinSight.Dashboard.Artifacts;
using FinSight.Dashboard.Components.Run;
using FinSight.Dashboard.Ingestion;
using FinSight.Tests.Integration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Xunit;

namespace FinSight.Tests.Components.Run;

/// <summary>The run page's artifacts panel rendered against a real server's artifact store and permissions.</summary>
public sealed class RunArtifactsTests : ServerBackedTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    protected override void OnStarted() => Ctx.Context.Render<MudPopoverProvider>();

    private async Task<(string ExperimentId, string RunId)> RunWithFilesAsync(params (string Path, string Text)[] files)
    {
        var ingestion = Ctx.Server.Services.GetRequiredService<IngestionService>();
        var experimentId = await AccessTestUsers.CreateExperimentAsync(Ctx.Server, $"panel-{Guid.NewGuid():N}"[..14]);
        var runId = (await ingestion.StartRunAsync(Ctx.Server.Admin, new StartRunRequest { ExperimentId = experimentId })).RunId;
        var artifacts = Ctx.Server.Services.GetRequiredService<ArtifactService>();
        foreach (var (path, text) in files)
        {
            using var content = new MemoryStream(Encoding.UTF8.GetBytes(text));
            await artifacts.UploadAsync(Ctx.Server.Admin, runId, path, content, null, CancellationToken.None);
        }
        return (experimentId, runId);
    }

    private IRenderedComponent<RunArtifacts> RenderPanel(string runId, bool canEdit) =>
        Ctx.Context.Render<RunArtifacts>(p => p.Add(c => c.RunId, runId).Add(c => c.CanEdit, canEdit));

    [Fact]
    public async Task Panel_ReaderWithoutEdit_ListsAndDownloadsButOffersNoDelete()
    {
        var (experimentId, runId) = await RunWithFilesAsync(("report 1.txt", "hello"), ("ckpt/model.bin", new string('x', 2048)));
        var viewer = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Viewer, withKey: false);
        await AccessTestUsers.GrantAsync(Ctx.Server, experimentId, viewer, PermissionLevel.Read);
        Ctx.SignIn(viewer.Principal);

        var panel = RenderPanel(runId, canEdit: false);

        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll(".artifact-row").Count), Patience);
        Assert.Equal(["ckpt", "report 1.txt"], panel.FindAll(".artifact-row").Select(r => r.GetAttribute("data-path")));
        var download = panel.Find(".artifact-row[data-path='report 1.txt'] a.artifact-download");
        Assert.Equal($"/api/v1/runs/{runId}/artifacts/report%201.txt", download.GetAttribute("href"));
        Assert.Equal("report 1.txt", download.GetAttribute("download"));
        Assert.Empty(panel.FindAll(".artifact-delete"));
        panel.Find(".artifact-row[data-path='ckpt'] .artifact-open").Click();
        panel.WaitForAssertion(() => Assert.Equal("2.0 KB", panel.Find(".artifact-row[data-path='ckpt/model.bin'] .artifact-size").TextContent.Trim()), Patience);
    }

    [Fact]
    public async Task Panel_Editor_SeesDeleteOnEveryEntry()
    {
        var (_, runId) = await RunWithFilesAsync(("a.txt", "a"), ("dir/b.txt", "b"));

        var panel = RenderPanel(runId, canEdit: true);

        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll(".artifact-delete").Count), Patience);
    }

    [Fact]
    public async Task Panel_SvgFile_PreviewedOnlyAsAnImageFromTheDownloadRoute()
    {
        var (_, runId) = await RunWithFilesAsync(("plot.svg", """<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>"""));
        var panel = RenderPanel(runId, canEdit: false);
        panel.WaitForAssertion(() => Assert.Single(panel.FindAll(".artifact-row")), Patience);

        panel.Find(".artifact-row[data-path='plot.svg'] .artifact-open").Click();

        panel.WaitForAssertion(() => Assert.Equal($"/api/v1/runs/{runId}/artifacts/plot.svg", panel.Find("img#artifact-preview-image").GetAttribute("src")), Patience);
        Assert.DoesNotContain("<svg xmlns", panel.Markup);
        Assert.DoesNotContain("onload", panel.Markup);
    }

    [Fact]
    public async Task Panel_RunWithoutArtifacts_SaysSo()
    {
        var (_, runId) = await RunWithFilesAsync();

        var panel = RenderPanel(runId, canEdit: true);

        panel.WaitForAssertion(() => Assert.StartsWith("No artifacts stored for this run.", panel.Find("#artifacts-empty").TextContent.Trim()), Patience);
    }

    [Fact]
    public async Task Panel_CallerWithoutRead_IsToldWhy()
    {
        var (experimentId, runId) = await RunWithFilesAsync(("a.txt", "secret"));
        var outsider = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Researcher, withKey: false);
        await AccessTestUsers.GrantAsync(Ctx.Server, experimentId, outsider, PermissionLevel.NoPermissions);
        Ctx.SignIn(outsider.Principal);

        var panel = RenderPanel(runId, canEdit: false);

        panel.WaitForAssertion(() => Assert.Contains("You need READ permission", panel.Find("#artifacts-error").TextContent), Patience);
        Assert.Empty(panel.FindAll(".artifact-row"));
    }
}
