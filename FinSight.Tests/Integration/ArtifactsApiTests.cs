using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using FinSight.Core.Access;
using FinSight.Core.Contracts;
using FinSight.Dashboard.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static FinSight.Tests.Integration.AccessTestUsers;

namespace FinSight.Tests.Integration;

/// <summary>
/// Run artifacts over <c>/api/v1/runs/{runId}/artifacts</c> against the real server and its real artifact folder:
/// upload, list with folders, download, delete, the size limit, path attacks and who may do what.
/// </summary>
public sealed class ArtifactsApiTests : IAsyncLifetime
{
    private const int MaxUploadBytes = 64 * 1024;
    private FinSightServer _server = null!;
    private HttpClient _http = null!;
    private string _experimentId = "";

    private string ArtifactsRoot => Path.Combine(_server.Folder, "artifacts");

    public async ValueTask InitializeAsync()
    {
        _server = await FinSightServer.StartAsync(new() { ["Artifacts:MaxUploadBytes"] = MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        _http = _server.CreateHttpClient();
        _experimentId = await CreateExperimentAsync(_server, "artifacts");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Put_RawFile_StoredUnderExperimentAndRunAndAnswered201()
    {
        var runId = await StartRunAsync();

        using var response = await PutAsync(_http, runId, "model/config.yaml", "lr: 0.01\n");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = (await response.Content.ReadFromJsonAsync<ArtifactStored>(FinSightServer.Json))!;
        Assert.Equal(("model/config.yaml", 9L), (stored.Path, stored.Size));
        Assert.Equal("lr: 0.01\n", await File.ReadAllTextAsync(Path.Combine(ArtifactsRoot, _experimentId, runId, "model", "config.yaml")));
        Assert.Equal($"/api/v1/runs/{runId}/artifacts/model/config.yaml", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Put_NormalisesThePath()
    {
        var runId = await StartRunAsync();

        using var response = await PutAsync(_http, runId, "./plots//a/./loss.txt", "x");

        var stored = (await response.Content.ReadFromJsonAsync<ArtifactStored>(FinSightServer.Json))!;
        Assert.Equal("plots/a/loss.txt", stored.Path);
        Assert.True(File.Exists(Path.Combine(ArtifactsRoot, _experimentId, runId, "plots", "a", "loss.txt")));
    }

    [Fact]
    public async Task Put_SamePathAgain_ReplacesTheFile()
    {
        var runId = await StartRunAsync();
        (await PutAsync(_http, runId, "notes.txt", "first version")).Dispose();

        (await PutAsync(_http, runId, "notes.txt", "second")).Dispose();

        Assert.Equal("second", await _http.GetStringAsync($"api/v1/runs/{runId}/artifacts/notes.txt"));
    }

    [Fact]
    public async Task List_ShowsFoldersFirstThenFiles_AndListsInsideAFolder()
    {
        var runId = await StartRunAsync();
        foreach (var (path, text) in new[] { ("summary.txt", "hello"), ("plots/loss.png", "png"), ("plots/raw/points.csv", "a,b\n1,2\n"), ("a.json", "{}") })
            (await PutAsync(_http, runId, path, text)).Dispose();

        var root = await _server.GetJsonAsync<ArtifactListing>($"api/v1/runs/{runId}/artifacts");
        var plots = await _server.GetJsonAsync<ArtifactListing>($"api/v1/runs/{runId}/artifacts?path=plots/");

        Assert.Equal("", root.Path);
        Assert.Equal(
            [new ArtifactFileInfo("plots", true, null), new ArtifactFileInfo("a.json", false, 2), new ArtifactFileInfo("summary.txt", false, 5)],
            root.Files);
        Assert.Equal("plots", plots.Path);
        Assert.Equal([new ArtifactFileInfo("plots/raw", true, null), new ArtifactFileInfo("plots/loss.png", false, 3)], plots.Files);
    }

    [Fact]
    public async Task List_RunWithoutArtifacts_IsEmpty_AndAMissingFolderIs404()
    {
        var runId = await StartRunAsync();

        var root = await _server.GetJsonAsync<ArtifactListing>($"api/v1/runs/{runId}/artifacts");
        using var missing = await _http.GetAsync($"api/v1/runs/{runId}/artifacts?path=nope");

        Assert.Empty(root.Files);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal($"Run '{runId}' has no artifact folder 'nope'.", await DetailAsync(missing));
    }

    [Fact]
    public async Task Get_File_DownloadsWithContentTypeAndFileName_AndHonoursRanges()
    {
        var runId = await StartRunAsync();
        (await PutAsync(_http, runId, "reports/metrics.json", """{"loss": 0.25}""")).Dispose();

        using var whole = await _http.GetAsync($"api/v1/runs/{runId}/artifacts/reports/metrics.json");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/runs/{runId}/artifacts/reports/metrics.json");
        request.Headers.Range = new RangeHeaderValue(1, 6);
        using var part = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("application/json", whole.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", whole.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("metrics.json", whole.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("""{"loss": 0.25}""", await whole.Content.ReadAsStringAsync());
        Assert.Equal("nosniff", whole.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal("\"loss\"", await part.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_MissingFileOrAFolder_Is404()
    {
        var runId = await StartRunAsync();
        (await PutAsync(_http, runId, "dir/file.txt", "x")).Dispose();

        using var missing = await _http.GetAsync($"api/v1/runs/{runId}/artifacts/nothing.txt");
        using var folder = await _http.GetAsync($"api/v1/runs/{runId}/artifacts/dir");
        using var noRun = await _http.GetAsync($"api/v1/runs/{new string('0', 32)}/artifacts/dir/file.txt");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal($"Run '{runId}' has no artifact file 'nothing.txt'.", await DetailAsync(missing));
        Assert.Equal(HttpStatusCode.NotFound, folder.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noRun.StatusCode);
        Assert.Contains("does not exist", await DetailAsync(noRun));
    }

    [Fact]
    public async Task Delete_FileThenFolder_RemovesThem_AndDeletingAgainIs404()
    {
        var runId = await StartRunAsync();
        (await PutAsync(_http, runId, "a.txt", "x")).Dispose();
        (await PutAsync(_http, runId, "ckpt/1.bin", "x")).Dispose();
        (await PutAsync(_http, runId, "ckpt/2.bin", "x")).Dispose();

        using var file = await _http.DeleteAsync($"api/v1/runs/{runId}/artifacts/a.txt");
        using var folder = await _http.DeleteAsync($"api/v1/runs/{runId}/artifacts/ckpt");
        using var again = await _http.DeleteAsync($"api/v1/runs/{runId}/artifacts/a.txt");

        Assert.Equal(HttpStatusCode.NoContent, file.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, folder.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Empty((await _server.GetJsonAsync<ArtifactListing>($"api/v1/runs/{runId}/artifacts")).Files);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(ArtifactsRoot, _experimentId, runId)));
    }

    [Fact]
    public async Task Put_StreamedBodyOverTheLimit_Is413NamingTheLimit_AndLeavesNothing()
    {
        var runId = await StartRunAsync();
        // No Content-Length (chunked): the limit must hold while the body streams in, not only on a declared length.
        using var content = new StreamContent(new MemoryStream(new byte[MaxUploadBytes + 1]));
        content.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/v1/runs/{runId}/artifacts/big/too-big.bin") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("The artifact is larger than the limit of 65,536 bytes (Artifacts:MaxUploadBytes); nothing was stored.", await DetailAsync(response));
        Assert.Empty(FilesUnder(ArtifactsRoot));
        Assert.Empty((await _server.GetJsonAsync<ArtifactListing>($"api/v1/runs/{runId}/artifacts")).Files);
    }

    [Fact]
    public async Task Put_DeclaredLengthOverTheLimit_Is413_AndExactlyTheLimitIsStored()
    {
        var runId = await StartRunAsync();

        using var over = await _http.PutAsync($"api/v1/runs/{runId}/artifacts/over.bin", new ByteArrayContent(new byte[MaxUploadBytes + 1]));
        using var atLimit = await _http.PutAsync($"api/v1/runs/{runId}/artifacts/limit.bin", new ByteArrayContent(new byte[MaxUploadBytes]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
        Assert.Equal(HttpStatusCode.Created, atLimit.StatusCode);
        Assert.Equal(["limit.bin"], FilesUnder(ArtifactsRoot).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Put_BiggerThanKestrelsDefaultBodyLimit_IsStoredWhenTheConfiguredLimitAllows()
    {
        await using var server = await FinSightServer.StartAsync(new() { ["Artifacts:MaxUploadBytes"] = (40L * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        using var http = server.CreateHttpClient();
        var experimentId = await CreateExperimentAsync(server, "big");
        var runId = (await server.Services.GetRequiredService<IngestionService>().StartRunAsync(server.Admin, new StartRunRequest { ExperimentId = experimentId })).RunId;
        var size = 31L * 1024 * 1024; // Kestrel's default MaxRequestBodySize is 30,000,000 bytes

        using var content = new StreamContent(new RepeatingStream(size));
        using var response = await http.PutAsync($"api/v1/runs/{runId}/artifacts/checkpoint.bin", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(size, new FileInfo(Path.Combine(server.Folder, "artifacts", experimentId, runId, "checkpoint.bin")).Length);
    }

    [Theory]
    [InlineData("PUT", "..%2f..%2fescaped.txt", "percent-encoded '%2f'")]
    [InlineData("PUT", "a/..%2F..%2F..%2Fescaped.txt", "percent-encoded '%2f'")]
    [InlineData("PUT", "%252e%252e/escaped.txt", "percent-encoded '%2e'")]
    [InlineData("PUT", "..%5c..%5cescaped.txt", "backslash")]
    [InlineData("PUT", "escaped.txt%00.png", "")]
    [InlineData("PUT", "C:/escaped.txt", "drive letter 'C:'")]
    [InlineData("PUT", "/escaped.txt", "is absolute")]
    [InlineData("PUT", "a/%2e%2e%2f%2e%2e%2fescaped.txt", "")]
    [InlineData("GET", "..%2f..%2f..%2ffinsight.db", "percent-encoded '%2f'")]
    [InlineData("DELETE", "..%2f..%2f..%2ffinsight.db", "percent-encoded '%2f'")]
    public async Task PathAttack_IsRefusedNamingTheRule_AndNothingIsWrittenOrReadOutside(string method, string attack, string rule)
    {
        var runId = await StartRunAsync();
        var before = FilesUnder(_server.Folder);

        var answer = await RawHttp.SendAsync(_server, method, $"/api/v1/runs/{runId}/artifacts/{attack}", FinSightServer.AdminKey, "payload");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains(rule, answer.Body);
        Assert.DoesNotContain("SQLite", answer.Body);
        Assert.Equal(before, FilesUnder(_server.Folder));
        Assert.True(File.Exists(_server.DatabasePath));
    }

    [Theory]
    [InlineData("%2e%2e/%2e%2e/escaped.txt")]
    [InlineData("../../escaped.txt")]
    public async Task PathAttack_DotSegmentsTheServerResolves_NeverReachAnotherRunOrOutside(string attack)
    {
        var runId = await StartRunAsync();
        var before = FilesUnder(_server.Folder);

        // Kestrel decodes %2e and removes dot segments before routing: what is left is no artifact route at all.
        var answer = await RawHttp.SendAsync(_server, "PUT", $"/api/v1/runs/{runId}/artifacts/{attack}", FinSightServer.AdminKey, "payload");

        Assert.True(answer.Status is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.BadRequest, $"answered {answer.Status}");
        Assert.Equal(before, FilesUnder(_server.Folder));
    }

    [Theory]
    [InlineData("../..")]
    [InlineData("/etc")]
    [InlineData("a\\..\\..")]
    [InlineData("%2e%2e")]
    public async Task List_FolderOutsideTheRun_Is400(string folder)
    {
        var runId = await StartRunAsync();

        using var response = await _http.GetAsync($"api/v1/runs/{runId}/artifacts?path={Uri.EscapeDataString(folder)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("The artifact path '", await DetailAsync(response));
    }

    [Fact]
    public async Task SymbolicLinkLeadingOutOfTheRunFolder_IsNeitherFollowedForWritesNorReads()
    {
        var runId = await StartRunAsync();
        (await PutAsync(_http, runId, "ok.txt", "x")).Dispose();
        var outside = Directory.CreateDirectory(Path.Combine(_server.Folder, "outside")).FullName;
        await File.WriteAllTextAsync(Path.Combine(outside, "secret.txt"), "secret");
        Directory.CreateSymbolicLink(Path.Combine(ArtifactsRoot, _experimentId, runId, "link"), outside);

        using var read = await _http.GetAsync($"api/v1/runs/{runId}/artifacts/link/secret.txt");
        using var write = await PutAsync(_http, runId, "link/planted.txt", "x");
        var listing = await _server.GetJsonAsync<ArtifactListing>($"api/v1/runs/{runId}/artifacts");

        Assert.Equal(HttpStatusCode.BadRequest, read.StatusCode);
        Assert.Contains("leads outside the run's artifact folder", await DetailAsync(read));
        Assert.Equal(HttpStatusCode.BadRequest, write.StatusCode);
        Assert.False(File.Exists(Path.Combine(outside, "planted.txt")));
        Assert.Equal(["ok.txt"], listing.Files.Select(f => f.Path));
    }

    [Fact]
    public async Task Permissions_ViewerReadsButCannotWrite_NoPermissionIs403_AnonymousIs401()
    {
        var runId = await StartRunAsync();
        (await PutAsync(_http, runId, "a.txt", "x")).Dispose();
        var viewer = await CreateAsync(_server, Roles.Viewer);
        await GrantAsync(_server, _experimentId, viewer, PermissionLevel.Manage);
        var outsider = await CreateAsync(_server, Roles.Researcher);
        await GrantAsync(_server, _experimentId, outsider, PermissionLevel.NoPermissions);
        using var asViewer = _server.CreateHttpClient(viewer.Key);
        using var asOutsider = _server.CreateHttpClient(outsider.Key);
        using var anonymous = _server.CreateHttpClient(apiKey: null);

        using var viewerRead = await asViewer.GetAsync($"api/v1/runs/{runId}/artifacts/a.txt");
        using var viewerWrite = await PutAsync(asViewer, runId, "b.txt", "x");
        using var viewerDelete = await asViewer.DeleteAsync($"api/v1/runs/{runId}/artifacts/a.txt");
        using var outsiderList = await asOutsider.GetAsync($"api/v1/runs/{runId}/artifacts");
        using var anonymousRead = await anonymous.GetAsync($"api/v1/runs/{runId}/artifacts/a.txt");
        using var anonymousWrite = await PutAsync(anonymous, runId, "c.txt", "x");

        Assert.Equal(HttpStatusCode.OK, viewerRead.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewerWrite.StatusCode);
        Assert.Contains("the Viewer role can only read", await DetailAsync(viewerWrite));
        Assert.Equal(HttpStatusCode.Forbidden, viewerDelete.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, outsiderList.StatusCode);
        Assert.Contains("You need READ permission", await DetailAsync(outsiderList));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousRead.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousWrite.StatusCode);
        Assert.Equal(["a.txt"], FilesUnder(ArtifactsRoot).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Get_WithTheSignInCookie_Downloads()
    {
        var runId = await StartRunAsync();
        (await PutAsync(_http, runId, "a.txt", "from a browser")).Dispose();
        using var browser = await SignInWithCookieAsync(_server, FinSightServer.AdminEmail, FinSightServer.AdminPassword);

        var text = await browser.GetStringAsync($"api/v1/runs/{runId}/artifacts/a.txt");

        Assert.Equal("from a browser", text);
    }

    private async Task<string> StartRunAsync() =>
        (await _server.Services.GetRequiredService<IngestionService>().StartRunAsync(_server.Admin, new StartRunRequest { ExperimentId = _experimentId })).RunId;

    private static Task<HttpResponseMessage> PutAsync(HttpClient http, string runId, string path, string text) =>
        http.PutAsync($"api/v1/runs/{runId}/artifacts/{path}", new StringContent(text, Encoding.UTF8, "application/octet-stream"));

    private static List<string> FilesUnder(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList() : [];

    /// <summary>A long body made on the fly, so a 31 MB upload needs no 31 MB array.</summary>
    private sealed class RepeatingStream(long length) : Stream
    {
        private long _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            Array.Fill(buffer, (byte)'x', offset, n);
            _position += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
