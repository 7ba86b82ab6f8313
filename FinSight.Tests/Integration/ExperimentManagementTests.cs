using FinSight.Client;
using FinSight.Core.Analysis;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Ingestion;
using FinSight.Dashboard.Live;
using FinSight.Tests.Live;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FinSight.Tests.Integration;

/// <summary>Editing, soft-deleting and restoring experiments, and metric directions, through the real server's single writer.</summary>
public sealed class ExperimentManagementTests : IAsyncLifetime
{
    private FinSightServer _server = null!;
    private FinSightClient _client = null!;

    private IngestionService Ingestion => _server.Services.GetRequiredService<IngestionService>();
    private TrackingReader Reader => _server.Services.GetRequiredService<TrackingReader>();

    public async ValueTask InitializeAsync()
    {
        _server = await FinSightServer.StartAsync();
        _client = new FinSightClient(new FinSightClientOptions { ServerUrl = _server.Address, ApiKey = FinSightServer.AdminKey, SystemMetrics = false });
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task UpdateExperiment_NewNameAndDescription_ListedWithThem()
    {
        var created = await Ingestion.CreateExperimentAsync(_server.Admin, "fx-lstm", "first try");

        await Ingestion.UpdateExperimentAsync(_server.Admin, created.ExperimentId, "  fx-lstm-v2 ", "Hourly EUR/USD,\nwith attention");

        var row = Assert.Single(await Reader.ListExperimentOverviewsAsync(_server.Admin, includeDeleted: false));
        Assert.Equal(("fx-lstm-v2", "Hourly EUR/USD,\nwith attention"), (row.Name, row.Description));
        await Ingestion.UpdateExperimentAsync(_server.Admin, created.ExperimentId, "fx-lstm-v2", "   ");
        Assert.Null(Assert.Single(await Reader.ListExperimentOverviewsAsync(_server.Admin, false)).Description);
    }

    [Fact]
    public async Task UpdateExperiment_NameTakenByAnother_ConflictNamingTheName()
    {
        await Ingestion.CreateExperimentAsync(_server.Admin, "taken", null);
        var other = await Ingestion.CreateExperimentAsync(_server.Admin, "other", null);

        var error = await Assert.ThrowsAsync<TrackingException>(() => Ingestion.UpdateExperimentAsync(_server.Admin, other.ExperimentId, "taken", null));

        Assert.Equal(TrackingErrorKind.Conflict, error.Kind);
        Assert.Equal("An experiment named 'taken' already exists.", error.Message);
        Assert.Contains(await Reader.ListExperimentOverviewsAsync(_server.Admin, false), e => e.Name == "other");
    }

    [Fact]
    public async Task UpdateExperiment_NameOfADeletedExperiment_ConflictSuggestingRestore()
    {
        var old = await Ingestion.CreateExperimentAsync(_server.Admin, "archived", null);
        await Ingestion.DeleteExperimentAsync(_server.Admin, old.ExperimentId);
        var other = await Ingestion.CreateExperimentAsync(_server.Admin, "fresh", null);

        var error = await Assert.ThrowsAsync<TrackingException>(() => Ingestion.UpdateExperimentAsync(_server.Admin, other.ExperimentId, "archived", null));

        Assert.Equal(TrackingErrorKind.Conflict, error.Kind);
        Assert.Contains("deleted experiment is named 'archived'", error.Message);
    }

    [Fact]
    public async Task UpdateExperiment_UnknownId_NotFound()
    {
        var error = await Assert.ThrowsAsync<TrackingException>(() => Ingestion.UpdateExperimentAsync(_server.Admin, "999", "x", null));

        Assert.Equal(TrackingErrorKind.NotFound, error.Kind);
        Assert.Equal("Experiment 999 does not exist.", error.Message);
    }

    [Fact]
    public async Task UpdateExperiment_BlankOrTooLongName_InvalidNamingTheFieldAndRule()
    {
        var created = await Ingestion.CreateExperimentAsync(_server.Admin, "valid", null);

        var blank = await Assert.ThrowsAsync<TrackingException>(() => Ingestion.UpdateExperimentAsync(_server.Admin, created.ExperimentId, " ", null));
        var tooLong = await Assert.ThrowsAsync<TrackingException>(() => Ingestion.UpdateExperimentAsync(_server.Admin, created.ExperimentId, new string('n', 251), null));

        Assert.Equal((TrackingErrorKind.InvalidInput, "name is required."), (blank.Kind, blank.Message));
        Assert.Equal("name is 251 characters long; the limit is 250.", tooLong.Message);
        Assert.Equal("valid", Assert.Single(await Reader.ListExperimentOverviewsAsync(_server.Admin, false)).Name);
    }

    [Fact]
    public async Task DeleteExperiment_WithRuns_RunsLeaveListsButStayStored()
    {
        var run = await _client.StartRunAsync("to-delete", "kept-run");
        run.LogMetric("train_loss", 0.5, 0);
        await run.FlushAsync();

        await Ingestion.DeleteExperimentAsync(_server.Admin, run.ExperimentId);

        Assert.Empty(await Reader.ListExperimentOverviewsAsync(_server.Admin, includeDeleted: false));
        Assert.Empty(await Reader.RecentRunsAsync(_server.Admin, 10));
        var deleted = Assert.Single(await Reader.ListExperimentOverviewsAsync(_server.Admin, includeDeleted: true));
        Assert.True(deleted.IsDeleted);
        Assert.Equal(1, deleted.RunCount);
        Assert.Equal("kept-run", (await Reader.GetRunAsync(_server.Admin, run.RunId)).Info.RunName);
        Assert.Equal(0.5, Assert.Single((await Reader.GetMetricHistoryAsync(_server.Admin, run.RunId, "train_loss", null, null, null)).Points).Value);
    }

    [Fact]
    public async Task RestoreExperiment_Deleted_ListedAgainWithItsRuns()
    {
        var run = await _client.StartRunAsync("comeback", "r1");
        await Ingestion.DeleteExperimentAsync(_server.Admin, run.ExperimentId);

        await Ingestion.RestoreExperimentAsync(_server.Admin, run.ExperimentId);

        var row = Assert.Single(await Reader.ListExperimentOverviewsAsync(_server.Admin, false));
        Assert.Equal(("comeback", false, 1), (row.Name, row.IsDeleted, row.RunCount));
        Assert.Equal("r1", Assert.Single(await Reader.RecentRunsAsync(_server.Admin, 10)).Run.RunName);
    }

    [Fact]
    public async Task DeleteAndRestore_TwiceOrUnknown_ConflictOrNotFound()
    {
        var created = await Ingestion.CreateExperimentAsync(_server.Admin, "once", null);
        await Ingestion.DeleteExperimentAsync(_server.Admin, created.ExperimentId);

        var again = await Assert.ThrowsAsync<TrackingException>(() => Ingestion.DeleteExperimentAsync(_server.Admin, created.ExperimentId));
        await Ingestion.RestoreExperimentAsync(_server.Admin, created.ExperimentId);
        var notDeleted = await Assert.ThrowsAsync<TrackingException>(() => Ingestion.RestoreExperimentAsync(_server.Admin, created.ExperimentId));
        var unknown = await Assert.ThrowsAsync<TrackingException>(() => Ingestion.DeleteExperimentAsync(_server.Admin, "424242"));
        var badId = await Assert.ThrowsAsync<TrackingException>(() => Ingestion.DeleteExperimentAsync(_server.Admin, "abc"));

        Assert.Equal((TrackingErrorKind.Conflict, "Experiment 'once' is already deleted."), (again.Kind, again.Message));
        Assert.Equal((TrackingErrorKind.Conflict, "Experiment 'once' is not deleted; there is nothing to restore."), (notDeleted.Kind, notDeleted.Message));
        Assert.Equal(TrackingErrorKind.NotFound, unknown.Kind);
        Assert.Equal(TrackingErrorKind.InvalidInput, badId.Kind);
        Assert.Contains("experimentId 'abc'", badId.Message);
    }

    [Fact]
    public async Task EditDeletedExperiment_Refused_UntilRestored()
    {
        var created = await Ingestion.CreateExperimentAsync(_server.Admin, "frozen", null);
        await Ingestion.DeleteExperimentAsync(_server.Admin, created.ExperimentId);

        var error = await Assert.ThrowsAsync<TrackingException>(() => Ingestion.UpdateExperimentAsync(_server.Admin, created.ExperimentId, "thawed", null));

        Assert.Equal((TrackingErrorKind.Conflict, "Experiment 'frozen' is deleted; restore it before editing it."), (error.Kind, error.Message));
    }

    [Fact]
    public async Task ListExperimentOverviews_RunningAndEndedRuns_CountsAndLastActivity()
    {
        var first = await _client.StartRunAsync("busy", "a");
        var second = await _client.StartRunAsync("busy", "b");
        await _client.StartRunAsync("busy", "c");
        await first.EndAsync();
        await second.EndAsync(RunStatus.Failed);
        var quiet = await Ingestion.CreateExperimentAsync(_server.Admin, "quiet", null);

        var rows = await Reader.ListExperimentOverviewsAsync(_server.Admin, false);

        var busy = rows.Single(r => r.Name == "busy");
        Assert.Equal((3, 1), (busy.RunCount, busy.RunningCount));
        var ended = (await Reader.GetRunAsync(_server.Admin, second.RunId)).Info.EndTime!.Value;
        Assert.True(busy.LastActivity >= ended, $"last activity {busy.LastActivity} is before the last run end {ended}");
        var empty = rows.Single(r => r.ExperimentId == quiet.ExperimentId);
        Assert.Equal((0, 0), (empty.RunCount, empty.RunningCount));
        Assert.Equal(empty.CreationTime, empty.LastActivity);
    }

    [Fact]
    public async Task ExperimentChanges_CreateRenameDelete_EachSignalsSubscribers()
    {
        var live = _server.Services.GetRequiredService<LiveMetricsStore>();
        var recorder = new CallbackRecorder();
        using var subscription = live.SubscribeExperimentChanges(recorder.Callback);

        var created = await Ingestion.CreateExperimentAsync(_server.Admin, "signalled", null);
        Assert.True(await recorder.NextCallAsync(TestContext.Current.CancellationToken), "no signal after create");
        await Ingestion.UpdateExperimentAsync(_server.Admin, created.ExperimentId, "renamed", null);
        Assert.True(await recorder.NextCallAsync(TestContext.Current.CancellationToken), "no signal after rename");
        await Ingestion.DeleteExperimentAsync(_server.Admin, created.ExperimentId);
        Assert.True(await recorder.NextCallAsync(TestContext.Current.CancellationToken), "no signal after delete");
    }

    [Fact]
    public async Task SetMetricDirection_SavedThenForgotten_ReadBackPerExperiment()
    {
        var one = await Ingestion.CreateExperimentAsync(_server.Admin, "one", null);
        var two = await Ingestion.CreateExperimentAsync(_server.Admin, "two", null);

        await Ingestion.SetMetricDirectionAsync(_server.Admin, one.ExperimentId, "val_loss", MetricDirection.Maximize);
        await Ingestion.SetMetricDirectionAsync(_server.Admin, one.ExperimentId, "val_loss", MetricDirection.Maximize);
        await Ingestion.SetMetricDirectionAsync(_server.Admin, one.ExperimentId, "sharpe", MetricDirection.Minimize);

        Assert.Equal(MetricDirection.Maximize, (await Reader.GetMetricDirectionsAsync(_server.Admin, one.ExperimentId))["val_loss"]);
        Assert.Equal(2, (await Reader.GetMetricDirectionsAsync(_server.Admin, one.ExperimentId)).Count);
        Assert.Empty(await Reader.GetMetricDirectionsAsync(_server.Admin, two.ExperimentId));
        await Ingestion.SetMetricDirectionAsync(_server.Admin, one.ExperimentId, "val_loss", null);
        Assert.Equal(["sharpe"], (await Reader.GetMetricDirectionsAsync(_server.Admin, one.ExperimentId)).Keys);
    }

    [Fact]
    public async Task SetMetricDirection_BadKeyOrUnknownExperiment_Refused()
    {
        var created = await Ingestion.CreateExperimentAsync(_server.Admin, "dirs", null);

        var badKey = await Assert.ThrowsAsync<TrackingException>(() => Ingestion.SetMetricDirectionAsync(_server.Admin, created.ExperimentId, "a..b/../c", MetricDirection.Maximize));
        var unknown = await Assert.ThrowsAsync<TrackingException>(() => Ingestion.SetMetricDirectionAsync(_server.Admin, "77", "loss", MetricDirection.Maximize));

        Assert.Equal(TrackingErrorKind.InvalidInput, badKey.Kind);
        Assert.StartsWith("key ", badKey.Message);
        Assert.Equal(TrackingErrorKind.NotFound, unknown.Kind);
    }
}
