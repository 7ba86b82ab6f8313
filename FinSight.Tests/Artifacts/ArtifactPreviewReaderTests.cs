using System.Text;
using FinSight.Core.Access;
using FinSight.Core.Artifacts;
using FinSight.Core.Contracts;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Artifacts;
using FinSight.Dashboard.Ingestion;
using FinSight.Tests.Integration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static FinSight.Tests.Integration.AccessTestUsers;

namespace FinSight.Tests.Artifacts;

/// <summary>What the run page's previews show, read from files stored in a real server's artifact folder.</summary>
public sealed class ArtifactPreviewReaderTests : IAsyncLifetime
{
    private FinSightServer _server = null!;
    private string _experimentId = "";
    private string _runId = "";

    private ArtifactPreviewReader Previews => _server.Services.GetRequiredService<ArtifactPreviewReader>();

    public async ValueTask InitializeAsync()
    {
        _server = await FinSightServer.StartAsync(new() { ["Artifacts:PreviewBytes"] = "1024", ["Artifacts:PreviewRows"] = "3" });
        _experimentId = await CreateExperimentAsync(_server, "previews");
        _runId = (await _server.Services.GetRequiredService<IngestionService>().StartRunAsync(_server.Admin, new StartRunRequest { ExperimentId = _experimentId })).RunId;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private async Task StoreAsync(string path, string text)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await _server.Services.GetRequiredService<ArtifactService>().UploadAsync(_server.Admin, _runId, path, content, null, CancellationToken.None);
    }

    [Fact]
    public async Task Json_Whole_IsPrettyPrinted()
    {
        await StoreAsync("m.json", """{"a":[1,2],"name":"é"}""");

        var preview = await Previews.ReadAsync(_server.Admin, _runId, "m.json");

        Assert.Equal(ArtifactPreviewKind.Json, preview.Kind);
        Assert.Equal("{\n  \"a\": [\n    1,\n    2\n  ],\n  \"name\": \"é\"\n}", preview.Text!.ReplaceLineEndings("\n"));
        Assert.Null(preview.Note);
    }

    [Fact]
    public async Task Json_Invalid_IsShownAsTextSayingSo()
    {
        await StoreAsync("bad.json", "{ not json");

        var preview = await Previews.ReadAsync(_server.Admin, _runId, "bad.json");

        Assert.Equal((ArtifactPreviewKind.Text, "{ not json", "Not valid JSON; shown as text."), (preview.Kind, preview.Text, preview.Note));
    }

    [Fact]
    public async Task Json_LongerThanThePreview_IsItsStartAsText()
    {
        await StoreAsync("big.json", "[" + string.Join(",", Enumerable.Range(0, 1000)) + "]");

        var preview = await Previews.ReadAsync(_server.Admin, _runId, "big.json");

        Assert.Equal(ArtifactPreviewKind.Text, preview.Kind);
        Assert.Equal(1024, preview.Text!.Length);
        Assert.Equal("The first 1 KB of 3,891 bytes.", preview.Note);
    }

    [Fact]
    public async Task Text_CutInsideAMultiByteCharacter_EndsBeforeIt()
    {
        await StoreAsync("log.txt", new string('é', 600)); // 1,200 bytes: byte 1,024 is the middle of a character

        var preview = await Previews.ReadAsync(_server.Admin, _runId, "log.txt");

        Assert.Equal(new string('é', 512), preview.Text);
    }

    [Fact]
    public async Task Csv_MoreRowsThanShown_IsTheHeaderAndFirstRows()
    {
        await StoreAsync("p.csv", "step,value\n0,\"a, b\"\n1,\"line\nbreak\"\n2,c\n3,d\n");

        var preview = await Previews.ReadAsync(_server.Admin, _runId, "p.csv");

        Assert.Equal(ArtifactPreviewKind.Csv, preview.Kind);
        Assert.Equal([["step", "value"], ["0", "a, b"], ["1", "line\nbreak"]], preview.Rows!.Select(r => r.ToArray()).ToArray());
        Assert.Equal("The first 2 rows.", preview.Note);
    }

    [Fact]
    public async Task Tsv_IsSplitOnTabs()
    {
        await StoreAsync("t.tsv", "a\tb\n1\t2\n");

        var preview = await Previews.ReadAsync(_server.Admin, _runId, "t.tsv");

        Assert.Equal([["a", "b"], ["1", "2"]], preview.Rows!.Select(r => r.ToArray()).ToArray());
        Assert.Null(preview.Note);
    }

    [Fact]
    public async Task UnknownKind_HasNoPreviewText()
    {
        await StoreAsync("model.pkl", "binary");

        var preview = await Previews.ReadAsync(_server.Admin, _runId, "model.pkl");

        Assert.Equal((ArtifactPreviewKind.None, null, 6L), (preview.Kind, preview.Text, preview.File.Size));
    }

    [Fact]
    public async Task CallerWithoutRead_IsRefused()
    {
        await StoreAsync("a.txt", "secret");
        var outsider = await CreateAsync(_server, Roles.Researcher);
        await GrantAsync(_server, _experimentId, outsider, PermissionLevel.NoPermissions);

        var refused = await Assert.ThrowsAsync<TrackingException>(() => Previews.ReadAsync(outsider.Principal, _runId, "a.txt"));

        Assert.Equal(TrackingErrorKind.Forbidden, refused.Kind);
    }
}
