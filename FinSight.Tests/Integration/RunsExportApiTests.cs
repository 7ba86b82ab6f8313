using System.Net;
using System.Text.Json;
using Xunit;

namespace FinSight.Tests.Integration;

/// <summary><c>GET /api/v1/experiments/{id}/runs.csv</c> over the real server.</summary>
public sealed class RunsExportApiTests(RunGridFixture fixture) : IClassFixture<RunGridFixture>
{
    private async Task<(HttpStatusCode Status, string Body, string? ContentType)> GetAsync(string query)
    {
        using var http = fixture.Server.CreateHttpClient();
        using var response = await http.GetAsync($"api/v1/experiments/{fixture.ExperimentId}/runs.csv?{query}");
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ExportRuns_FilterSortColumns_WritesEveryMatchingRowInOrder()
    {
        var query = "filter=" + Uri.EscapeDataString("params.lr < 0.001") +
                    "&sort=" + Uri.EscapeDataString("min(metrics.val_loss) asc") +
                    "&columns=" + Uri.EscapeDataString("params.lr,min(metrics.val_loss),tags.team");

        var (status, body, type) = await GetAsync(query);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/csv", type);
        var lines = body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("run_id,run_name,status,owner,start_time,end_time,duration_ms,params.lr,min(metrics.val_loss),tags.team", lines[0]);
        Assert.Equal(["transformer", "lstm-adam", "tcn"], lines.Skip(1).Select(l => l.Split(',')[1]));
        var tcn = lines[3].Split(',');
        Assert.Equal(fixture.Ids["tcn"], tcn[0]);
        Assert.Equal("FINISHED", tcn[2]);
        Assert.Equal(["-3", "0.5", "FX"], tcn[7..]);
    }

    [Fact]
    public async Task ExportRuns_NoParameters_WritesAllRuns()
    {
        var (status, body, _) = await GetAsync("");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(6, body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("GRU baseline", body);
    }

    [Theory]
    [InlineData("filter=metrics.val_loss%20%3C", "filter: Expected a value after '<', found the end of the filter at column 19")]
    [InlineData("sort=colour", "sort: Unknown field 'colour'")]
    [InlineData("columns=params.lr,metric_x", "columns: Unknown field 'metric_x'")]
    public async Task ExportRuns_BadParameter_AnswersProblemNamingIt(string query, string message)
    {
        var (status, body, type) = await GetAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", type);
        Assert.StartsWith(message, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ExportRuns_UnknownExperiment_AnswersNotFound()
    {
        using var http = fixture.Server.CreateHttpClient();
        using var response = await http.GetAsync("api/v1/experiments/424242/runs.csv");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Experiment 424242 does not exist.", await response.Content.ReadAsStringAsync());
    }
}
