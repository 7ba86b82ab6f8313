using System.Net;
using System.Text.RegularExpressions;
using FinSight.Core.Access;
using Xunit;
using static FinSight.Tests.Integration.AccessTestUsers;

namespace FinSight.Tests.Integration;

/// <summary><c>GET /api/v1/runs/{runId}/report</c> and <c>GET /api/v1/compare/report</c> over the real server.</summary>
public sealed partial class ReportsApiTests(ReportsFixture fixture) : IClassFixture<ReportsFixture>
{
    private async Task<(HttpResponseMessage Response, string Body)> GetAsync(string path, string? key = FinSightServer.AdminKey)
    {
        using var http = fixture.Server.CreateHttpClient(key);
        var response = await http.GetAsync(path);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private Task<(HttpResponseMessage Response, string Body)> RunReportAsync(string? runId = null) =>
        GetAsync($"api/v1/runs/{runId ?? fixture.HostileRunId}/report");

    private Task<(HttpResponseMessage Response, string Body)> CompareReportAsync() =>
        GetAsync($"api/v1/compare/report?runIds={fixture.HostileRunId},{fixture.BaselineRunId}");

    [Fact]
    public async Task RunReport_FinishedRun_IsAnHtmlAttachmentWithInfoParamsMetricsAndCharts()
    {
        var (response, body) = await RunReportAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        // The hostile name reduced to file-name characters, then the id's start.
        Assert.Equal($"finsight-run-script-alert-name-script-co-{fixture.HostileRunId[..8]}.html", disposition.FileName?.Trim('"'));
        Assert.StartsWith("<!DOCTYPE html>", body);
        Assert.Contains(fixture.HostileRunId, Section(body, "run-info"));
        Assert.Contains("reports (id " + fixture.ExperimentId + ")", Section(body, "run-info"));
        Assert.Contains("FINISHED", Section(body, "run-info"));
        Assert.Contains(FinSightServer.AdminEmail, Section(body, "run-info"));
        Assert.Matches(@"<td>lr</td><td>0\.001</td>", Section(body, "params"));
        Assert.Matches(@"<td>optimizer</td><td>adam</td>", Section(body, "params"));
        // val_loss: lower is better; final at step 39 is 1.2/21 + 0.19, best its minimum 1.2/21 at step 20.
        var valLoss = Regex.Match(Section(body, "metrics"), "<tr><td>val_loss</td>.*?</tr>").Value;
        Assert.Contains("<td>lower</td>", valLoss);
        Assert.Contains($">{(1.2 / 21 + 0.19).ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}<", valLoss);
        Assert.Contains($"<td class=\"num best\">{(1.2 / 21).ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}</td>", valLoss);
        // accuracy is higher-is-better: its best is its maximum.
        Assert.Contains("<td>accuracy</td><td>higher</td>", Section(body, "metrics"));
        // Training curves: the losses share a chart, accuracy has its own; resources: percentages together, temperature apart.
        Assert.Equal(["train_loss\nval_loss", "accuracy"], FigureKeys(Section(body, "training-curves")));
        Assert.Equal(["system/cpu_percent\nsystem/memory_percent", "system/gpu/0/temperature_c"], FigureKeys(Section(body, "resources")));
        Assert.Contains("No artifacts are stored for this run.", Section(body, "artifacts"));
    }

    [Fact]
    public async Task RunReport_RunWithArtifacts_ListsEachFileWithItsSize()
    {
        using var http = fixture.Server.CreateHttpClient();
        (await http.PutAsync($"api/v1/runs/{fixture.BaselineRunId}/artifacts/model/weights.bin", new ByteArrayContent(new byte[1234]))).Dispose();
        (await http.PutAsync($"api/v1/runs/{fixture.BaselineRunId}/artifacts/summary.txt", new StringContent("done"))).Dispose();

        var (_, body) = await RunReportAsync(fixture.BaselineRunId);

        var artifacts = Section(body, "artifacts");
        Assert.Contains("<td>model/weights.bin</td><td class=\"num\">1,234 B</td>", artifacts);
        Assert.Contains("<td>summary.txt</td><td class=\"num\">4 B</td>", artifacts);
        Assert.DoesNotContain("No artifacts are stored", artifacts);
    }

    [Fact]
    public async Task RunReport_FinMetricsLogged_FinancialSectionListsEachValue()
    {
        var (_, body) = await RunReportAsync();

        var financial = Section(body, "financial-metrics");
        foreach (var (key, value) in ReportsFixture.Financial)
            Assert.Matches($@"<td>{Regex.Escape(key)}</td><td>[^<]+</td><td class=""num"">{Regex.Escape(value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture))}( \([0-9.]+%\))?</td>", financial);
        // Titles and definitions as the Core states them; fractions also as percentages.
        Assert.Contains("<td>fin/sharpe_ratio</td><td>Sharpe ratio</td><td class=\"num\">1.2345</td>", financial);
        Assert.Contains("<td>fin/profit_loss</td><td>Profit and loss</td><td class=\"num\">0.0841 (8.41%)</td>", financial);
        Assert.Contains("mean(r) / std(r, ddof = 1) · √k", System.Net.WebUtility.HtmlDecode(financial));
        // Logged once each: a table, not charts, and no fin/ curves among the training curves.
        Assert.Empty(FigureKeys(financial));
    }

    [Fact]
    public async Task RunReport_RunWithoutFinMetrics_HasNoFinancialSection()
    {
        var (_, body) = await RunReportAsync(fixture.BaselineRunId);

        Assert.DoesNotContain("id=\"financial-metrics\"", body);
        Assert.Contains("No system metrics were logged for this run.", Section(body, "resources"));
    }

    [Fact]
    public async Task RunReport_MarkupInNameParamAndTag_IsEncodedEverywhere()
    {
        var (_, body) = await RunReportAsync();

        Assert.DoesNotContain("<script>alert", body);
        Assert.DoesNotContain("<img", WithoutPlotlySource(body));
        Assert.Contains("&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt; &amp; co", body);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", Section(body, "params"));
        Assert.Contains("&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;", Section(body, "tags"));
        // Exactly the two scripts the writer puts there (plotly.js, the drawing code) and a data block per figure.
        Assert.Equal(2, Regex.Count(body, "<script>"));
        Assert.Equal(Regex.Count(body, "<div class=\"figure\" "), Regex.Count(body, "<script type=\"application/json\""));
    }

    [Fact]
    public async Task CompareReport_HostileRunName_EncodedInTablesAndInTheFigureJson()
    {
        var (_, body) = await CompareReportAsync();

        Assert.DoesNotContain("<script>alert", body);
        Assert.Contains("&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt; &amp; co", Section(body, "runs"));
        // Trace names are JSON inside a script element: '<' never appears raw, and Plotly gets entities it decodes.
        foreach (Match block in FigureJson().Matches(body))
            Assert.DoesNotContain("<", block.Groups[1].Value);
        Assert.Contains(@"\u0026lt;script\u0026gt;alert(\u0027name\u0027)\u0026lt;/script\u0026gt; \u0026amp; co", body);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("compare")]
    public async Task Report_ReferencesNothingOutsideItself(string kind)
    {
        var (_, body) = kind == "run" ? await RunReportAsync() : await CompareReportAsync();

        var withoutPlotly = WithoutPlotlySource(body);
        Assert.DoesNotMatch(@"<(script|img|link|iframe|source|embed|object|video|audio)\b[^>]*\s(src|href|data)\s*=", withoutPlotly);
        Assert.DoesNotContain("http://", withoutPlotly);
        Assert.DoesNotContain("https://", withoutPlotly);
        Assert.DoesNotContain("url(", withoutPlotly);
        Assert.DoesNotContain("@import", withoutPlotly);
        // plotly.js itself is inlined, whole.
        Assert.Contains("plotly.js (basic - minified) v3.", body);
    }

    [Fact]
    public async Task RunReport_NaNValue_WrittenAsNullWithANote()
    {
        var (_, body) = await RunReportAsync();

        var training = Section(body, "training-curves");
        Assert.DoesNotContain("NaN", Regex.Replace(training, "<p class=\"note\">.*?</p>", ""));
        Assert.Contains("1 value is NaN or infinite: shown as gaps (null in the figure&#39;s data).", training);
        Assert.Contains(",null,", training);
    }

    [Fact]
    public async Task CompareReport_TwoRuns_SideBySideWithRanksChartsAndParamsThatDiffer()
    {
        var (response, body) = await CompareReportAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"finsight-compare-2-runs-{fixture.HostileRunId[..8]}-{fixture.BaselineRunId[..8]}.html", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Contains(fixture.BaselineRunId, Section(body, "runs"));
        Assert.Contains(fixture.HostileRunId, Section(body, "runs"));
        // Best train_loss: the hostile run (1/40) ranks first, the baseline (2/40) second.
        var trainLoss = Regex.Match(Section(body, "final-values"), "<tr><td>train_loss</td>.*?</tr>").Value;
        Assert.Contains("<td class=\"num best\">0.025 #1</td>", trainLoss);
        Assert.Contains("<td class=\"num\">0.05 #2</td>", trainLoss);
        // A chart per metric with more than one point, losses first; single-point fin/ metrics only in the table.
        Assert.Equal(["train_loss", "val_loss", "accuracy"], FigureKeys(Section(body, "charts")));
        Assert.Contains("fin/sharpe_ratio", Section(body, "final-values"));
        var differing = Section(body, "params");
        Assert.Matches("<tr><td>lr</td><td>0.001</td><td>0.01</td></tr>", differing);
        Assert.Matches("<tr><td>note</td><td>&lt;img src=x onerror=alert\\(1\\)&gt;</td><td>—</td></tr>", differing);
        Assert.Matches("id=\"params-shared-table\"[\\s\\S]*<td>optimizer</td><td>adam</td>", differing);
    }

    [Fact]
    public async Task RunReport_ValidationLossRisesFromStep20_WarnsOfOverfittingFromThere()
    {
        var (_, hostile) = await RunReportAsync();
        var (_, baseline) = await RunReportAsync(fixture.BaselineRunId);

        var warning = Regex.Match(Section(hostile, "summary"), "<li class=\"finding-warning\">([^<]*overfits[^<]*)</li>");
        Assert.True(warning.Success, Section(hostile, "summary"));
        Assert.Matches("overfits from step (19|20|21): val_loss was lowest there", warning.Groups[1].Value);
        Assert.Contains("while train_loss kept falling", warning.Groups[1].Value);
        Assert.Contains("Best val_loss: 0.0571429 (lower is better); final 0.247143 at step 39.", Section(hostile, "summary"));
        Assert.Contains("accuracy has NaN or infinite values", Section(hostile, "summary"));
        Assert.Contains("No sign of overfitting on val_loss: it did not keep rising while train_loss fell.", Section(baseline, "summary"));
        Assert.DoesNotContain("finding-warning", Section(baseline, "summary"));
    }

    [Fact]
    public async Task CompareReport_Findings_BestRunsParetoFrontAndTheOverfittingRun()
    {
        var (_, body) = await CompareReportAsync();

        var summary = Section(body, "summary");
        const string hostile = "&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt; &amp; co";
        // train_loss: 1/40 beats 2/40; val_loss: the baseline's 2.2/40 beats the hostile run's minimum 1.2/21.
        Assert.Contains($"<li>{hostile} has the best train_loss (0.025, lower is better).</li>", summary);
        Assert.Contains("<li>baseline has the best val_loss (0.055, lower is better).</li>", summary);
        Assert.Contains($"<li>{hostile} and baseline form the Pareto front on train_loss (lower is better) and val_loss (lower is better)", summary);
        Assert.Matches($"<li class=\"finding-warning\">{Regex.Escape(hostile)} overfits from step (19|20|21)", summary);
        Assert.Contains("No run is dominated on train_loss, val_loss", summary);
        // Beyond the main metrics, the best run of each other metric.
        Assert.Contains($"<li>{hostile} has the best accuracy (0.975, higher is better).</li>", summary);
        Assert.Equal(["train_loss\nval_loss"], FigureKeys(summary));
    }

    [Theory]
    [InlineData("", "No runs to compare: the address names none.")]
    [InlineData("0123456789abcdef0123456789abcdef", "Only one run named (0123456789abcdef0123456789abcdef); compare needs at least 2.")]
    [InlineData("0123456789abcdef0123456789abcdef,not-a-run", "'not-a-run' is not a run id; run ids are 32 lowercase hex characters.")]
    public async Task CompareReport_BadRunIds_AnswersProblemAsTheComparePageWould(string runIds, string detail)
    {
        var (response, _) = await GetAsync($"api/v1/compare/report?runIds={runIds}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(detail, await DetailAsync(response));
    }

    [Fact]
    public async Task CompareReport_TwentyOneRunIds_AnswersProblem()
    {
        var ids = Enumerable.Range(0, 21).Select(i => i.ToString("x32"));

        var (response, _) = await GetAsync($"api/v1/compare/report?runIds={string.Join(',', ids)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("21 runs named; at most 20 can be compared at once.", await DetailAsync(response));
    }

    [Fact]
    public async Task CompareReport_UnknownRunId_AnswersNotFoundNamingIt()
    {
        var (response, _) = await GetAsync($"api/v1/compare/report?runIds={fixture.HostileRunId},ffffffffffffffffffffffffffffffff");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("No run has the id 'ffffffffffffffffffffffffffffffff'.", await DetailAsync(response));
    }

    [Theory]
    [InlineData("ffffffffffffffffffffffffffffffff", HttpStatusCode.NotFound)]
    [InlineData("not-a-run", HttpStatusCode.BadRequest)]
    public async Task RunReport_UnknownOrMalformedRunId_AnswersProblem(string runId, HttpStatusCode status)
    {
        var (response, _) = await RunReportAsync(runId);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(runId, await DetailAsync(response));
    }

    [Fact]
    public async Task Reports_CallerWithoutReadOnOneRunsExperiment_ForbiddenNamingThePermission()
    {
        var hiddenExperiment = await CreateExperimentAsync(fixture.Server, "reports-hidden-" + Guid.NewGuid().ToString("N")[..6]);
        var ingestion = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<FinSight.Dashboard.Ingestion.IngestionService>(fixture.Server.Services);
        var hiddenRun = (await ingestion.StartRunAsync(fixture.Server.Admin, new() { ExperimentId = hiddenExperiment, RunName = "secret" })).RunId;
        var researcher = await CreateAsync(fixture.Server, Roles.Researcher);
        await GrantAsync(fixture.Server, hiddenExperiment, researcher, PermissionLevel.NoPermissions);

        var (run, runBody) = await GetAsync($"api/v1/runs/{hiddenRun}/report", researcher.Key);
        var (compare, compareBody) = await GetAsync($"api/v1/compare/report?runIds={fixture.HostileRunId},{hiddenRun}", researcher.Key);
        var (readable, _) = await GetAsync($"api/v1/runs/{fixture.HostileRunId}/report", researcher.Key);

        Assert.Equal(HttpStatusCode.Forbidden, run.StatusCode);
        Assert.Contains("You need READ permission on experiment", await DetailAsync(run));
        Assert.Equal(HttpStatusCode.Forbidden, compare.StatusCode);
        Assert.Contains("You need READ permission on experiment", await DetailAsync(compare));
        Assert.DoesNotContain("secret", runBody + compareBody);
        Assert.Equal(HttpStatusCode.OK, readable.StatusCode); // READ by default on the other experiment
    }

    [Fact]
    public async Task RunReport_SignInCookie_AcceptedAsTheDownloadLinkSendsIt()
    {
        using var browser = await SignInWithCookieAsync(fixture.Server, FinSightServer.AdminEmail, FinSightServer.AdminPassword);

        using var response = await browser.GetAsync($"api/v1/runs/{fixture.HostileRunId}/report");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
    }

    /// <summary>The markup of the section with this id.</summary>
    private static string Section(string body, string id)
    {
        var match = Regex.Match(body, $"<section id=\"{Regex.Escape(id)}\">(.*?)</section>", RegexOptions.Singleline);
        Assert.True(match.Success, $"The report has no section '{id}'.");
        return match.Groups[1].Value;
    }

    /// <summary>The metric keys of each figure, in order (one string per figure, keys joined by newlines).</summary>
    private static List<string> FigureKeys(string markup) =>
        Regex.Matches(markup, "<div class=\"figure\" id=\"[^\"]+\" data-keys=\"([^\"]*)\">").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    /// <summary>The report without the inlined plotly.js, whose source mentions URLs in strings it never loads.</summary>
    private static string WithoutPlotlySource(string body)
    {
        var start = body.IndexOf("<script>", StringComparison.Ordinal);
        var end = body.IndexOf("</script>", start, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start && body[start..end].Contains("plotly.js"), "The first script is the inlined plotly.js.");
        return body[..start] + body[end..];
    }

    [GeneratedRegex("<script type=\"application/json\" data-figure-for=\"[^\"]+\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex FigureJson();
}
