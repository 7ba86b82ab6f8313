using FinSight.Core.Query;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Data;
using Xunit;

namespace FinSight.Tests.Integration;

/// <summary>The runs grid query over a real server's SQLite: filters translated to SQL agree with the in-memory evaluation.</summary>
public sealed class RunGridQueryTests(RunGridFixture fixture) : IClassFixture<RunGridFixture>
{
    private async Task<string[]> QueryNamesAsync(string filter = "", string? search = null, string? sort = null)
    {
        var page = await fixture.Query.QueryAsync(fixture.Server.Admin, new RunGridRequest(fixture.ExperimentId)
        {
            Filter = RunFilter.Parse(filter),
            Search = search,
            Sort = RunGridSort.Parse(sort),
            PageSize = 100,
        });
        Assert.Equal(page.Rows.Count, page.TotalCount);
        return fixture.Names(page.Rows.Select(r => r.Run.RunId));
    }

    public static TheoryData<string> Filters =>
    [
        "metrics.val_loss < 0.1",
        "metrics.val_loss != 0.2",
        "metrics.val_loss not in (0.2, 0.08)",
        "min(metrics.val_loss) <= 0.05",
        "max(metrics.val_loss) > 0.5",
        "metrics.`val/acc` >= 0.7",
        "not metrics.`val/acc` > 0.8",
        "params.lr < 0.001",
        "params.lr > -10",
        "params.lr = 'auto'",
        "params.lr != 0.01",
        "params.date > 2000",
        "params.batch = 32",
        "params.batch in (64, 128)",
        "params.optimizer = 'adam'",
        "params.optimizer like 'adam%'",
        "params.optimizer ilike 'adam%'",
        "params.optimizer not like 'a%'",
        "params.optimizer != 'adam'",
        "tags.team = 'fx'",
        "tags.team ilike 'fx'",
        "tags.team not in ('fx', 'rates')",
        "attributes.status = 'finished'",
        "attributes.status in ('FAILED', 'killed')",
        "attributes.status like 'RUN%'",
        "attributes.run_name ilike '%LSTM%'",
        "attributes.run_name like 'lstm_adam'",
        "attributes.owner = 'nobody'",
        "attributes.end_time > 0",
        "attributes.duration < 3600000",
        "attributes.start_time > 0 and not (attributes.status = 'RUNNING' or params.optimizer = 'sgd')",
        "tags.team = 'fx' or tags.team = 'rates' and params.optimizer = 'sgd'",
        "(tags.team = 'fx' or tags.team = 'rates') and params.optimizer = 'sgd'",
    ];

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task QueryAsync_Filter_MatchesInMemoryEvaluation(string text)
    {
        var filter = RunFilter.Parse(text);
        var records = await fixture.RecordsAsync();
        var expected = RunRecordAccessor.Where(records, filter, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()).Select(r => r.RunId);

        var actual = await QueryNamesAsync(text);

        Assert.Equal(fixture.Names(expected).Order(), actual.Order());
    }

    [Theory]
    [InlineData("metrics.val_loss < 0.1", new[] { "lstm-adam", "transformer" })]
    [InlineData("min(metrics.val_loss) < 0.6", new[] { "lstm-adam", "lstm-sgd", "transformer", "tcn" })]
    [InlineData("params.lr < 0.001", new[] { "lstm-adam", "transformer", "tcn" })]
    [InlineData("params.batch = 32", new[] { "lstm-adam", "tcn" })]
    [InlineData("params.optimizer like 'adam%'", new[] { "lstm-adam", "tcn" })]
    [InlineData("params.optimizer ilike 'adam%'", new[] { "lstm-adam", "transformer", "tcn" })]
    [InlineData("params.date > 2000", new string[0])]
    [InlineData("attributes.status = 'running'", new[] { "lstm-sgd" })]
    [InlineData("metrics.val_loss < 0.1 and params.optimizer = \"adam\" and tags.team = \"fx\"", new[] { "lstm-adam" })]
    public async Task QueryAsync_Filter_ReturnsExpectedRuns(string filter, string[] expected)
    {
        var actual = await QueryNamesAsync(filter);

        Assert.Equal(expected.Order(), actual.Order());
    }

    [Theory]
    [InlineData("min(metrics.val_loss)", new[] { "transformer", "lstm-adam", "lstm-sgd", "tcn", "GRU baseline" })]
    [InlineData("min(metrics.val_loss) desc", new[] { "tcn", "lstm-sgd", "lstm-adam", "transformer", "GRU baseline" })]
    [InlineData("metrics.val_loss asc", new[] { "transformer", "lstm-adam", "lstm-sgd" })]
    [InlineData("max(metrics.val_loss) desc", new[] { "lstm-sgd", "lstm-adam", "tcn", "transformer", "GRU baseline" })]
    [InlineData("params.lr", new[] { "tcn", "transformer", "lstm-adam", "lstm-sgd", "GRU baseline" })]
    [InlineData("params.optimizer desc", new[] { "lstm-sgd", "tcn", "lstm-adam", "transformer", "GRU baseline" })]
    [InlineData("name", new[] { "GRU baseline", "lstm-adam", "lstm-sgd", "tcn", "transformer" })]
    public async Task QueryAsync_Sort_OrdersInTheDatabaseWithMissingLast(string sort, string[] expectedPrefix)
    {
        var actual = await QueryNamesAsync(sort: sort);

        Assert.Equal(expectedPrefix, actual.Take(expectedPrefix.Length));
        Assert.Equal(5, actual.Length);
    }

    [Fact]
    public async Task QueryAsync_Paging_ReturnsEachRunOnceWithTotalCount()
    {
        var pages = new List<RunGridPage>();
        for (var index = 0; index < 3; index++)
        {
            pages.Add(await fixture.Query.QueryAsync(fixture.Server.Admin, new RunGridRequest(fixture.ExperimentId)
            {
                Sort = RunGridSort.Parse("name"),
                PageIndex = index,
                PageSize = 2,
            }));
        }

        Assert.All(pages, p => Assert.Equal(5, p.TotalCount));
        Assert.Equal([2, 2, 1], pages.Select(p => p.Rows.Count));
        Assert.Equal(["GRU baseline", "lstm-adam", "lstm-sgd", "tcn", "transformer"], fixture.Names(pages.SelectMany(p => p.Rows).Select(r => r.Run.RunId)));
    }

    [Fact]
    public async Task QueryAsync_FilterAndPaging_CountsAllMatches()
    {
        var page = await fixture.Query.QueryAsync(fixture.Server.Admin, new RunGridRequest(fixture.ExperimentId)
        {
            Filter = RunFilter.Parse("tags.team ilike 'fx'"),
            PageSize = 1,
        });

        Assert.Equal(3, page.TotalCount);
        Assert.Single(page.Rows);
    }

    [Theory]
    [InlineData("LSTM", new[] { "lstm-adam", "lstm-sgd" })]
    [InlineData("baseline", new[] { "GRU baseline" })]
    public async Task QueryAsync_Search_MatchesRunNameIgnoringCase(string search, string[] expected)
    {
        var actual = await QueryNamesAsync(search: search);

        Assert.Equal(expected.Order(), actual.Order());
    }

    [Fact]
    public async Task QueryAsync_SearchByRunIdPrefix_FindsTheRun()
    {
        var id = fixture.Ids["tcn"];

        var actual = await QueryNamesAsync(search: id[..12].ToUpperInvariant());

        Assert.Equal(["tcn"], actual);
    }

    [Fact]
    public async Task QueryAsync_Columns_ReturnsParamAndMetricSummaries()
    {
        var columns = new[] { "params.lr", "metrics.val_loss", "min(metrics.val_loss)", "max(metrics.val_loss)", "tags.team", "metrics.`val/acc`" }
            .Select(FilterField.Parse).ToList();

        var page = await fixture.Query.QueryAsync(fixture.Server.Admin, new RunGridRequest(fixture.ExperimentId) { Columns = columns, Sort = RunGridSort.Parse("name") });

        var tcn = page.Rows.Single(r => r.Run.RunName == "tcn").Values;
        Assert.Equal("-3", tcn[0].Text);
        Assert.True(double.IsNaN(tcn[1].Number!.Value));
        Assert.Equal(0.5, tcn[2].Number);
        Assert.Equal(0.5, tcn[3].Number);
        Assert.Equal("FX", tcn[4].Text);
        Assert.Equal(RunGridValue.Missing, tcn[5]);
        var adam = page.Rows.Single(r => r.Run.RunName == "lstm-adam").Values;
        Assert.Equal([0.08, 0.05, 0.9], adam.Skip(1).Take(3).Select(v => v.Number!.Value));
    }

    [Fact]
    public async Task ListColumnKeysAsync_Experiment_ListsDistinctKeys()
    {
        var keys = await fixture.Query.ListColumnKeysAsync(fixture.Server.Admin, fixture.ExperimentId);

        Assert.Equal(["batch", "date", "lr", "optimizer"], keys.ParamKeys);
        Assert.Equal(["val/acc", "val_loss"], keys.MetricKeys);
        Assert.Equal(["team"], keys.TagKeys);
    }

    [Fact]
    public async Task CountByStatusAsync_Experiment_CountsEachStatus()
    {
        var counts = await fixture.Query.CountByStatusAsync(fixture.Server.Admin, fixture.ExperimentId);

        Assert.Equal(2, counts["FINISHED"]);
        Assert.Equal(1, counts["RUNNING"]);
        Assert.Equal(1, counts["FAILED"]);
        Assert.Equal(1, counts["KILLED"]);
    }

    [Fact]
    public async Task QueryAsync_UnknownExperiment_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<TrackingException>(() => fixture.Query.QueryAsync(fixture.Server.Admin, new RunGridRequest("999999")));

        Assert.Equal(TrackingErrorKind.NotFound, error.Kind);
        Assert.Equal("Experiment 999999 does not exist.", error.Message);
    }
}
