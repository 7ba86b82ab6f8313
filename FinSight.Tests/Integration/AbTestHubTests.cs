using FinSight.Client;
using FinSight.Core.AbTesting;
using FinSight.Core.Contracts;
using FinSight.Dashboard.AbTests;
using FinSight.Tests.Components.Pages.AbTests;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FinSight.Tests.Integration;

/// <summary>A/B tests through the ingestion hub (JSON and MessagePack) and through FinSight.Client.</summary>
public sealed class AbTestHubTests : IAsyncLifetime
{
    private FinSightServer _server = null!;
    private AbTestService _service = null!;
    private string _experimentId = "";

    public async ValueTask InitializeAsync()
    {
        _server = await FinSightServer.StartAsync();
        _service = _server.Services.GetRequiredService<AbTestService>();
        _experimentId = await AccessTestUsers.CreateExperimentAsync(_server, "ab-hub");
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AssignThenObserve_ThroughHub_CountedPerVariant(bool messagePack)
    {
        var testId = await StartedTestAsync($"hub-{messagePack}");
        await using var hub = _server.CreateHubConnection(messagePack);
        await hub.StartAsync();
        var units = Enumerable.Range(0, 400).Select(i => $"unit-{i}").ToList<string?>();

        var assigned = await hub.InvokeAsync<AssignResult>("AssignVariants", new AssignRequest { TestId = testId, UnitIds = units });
        var observations = assigned.Assignments.Select(a => new ObservationInput
        {
            UnitId = a.UnitId, Variant = a.Variant, Metric = "converted", Value = a.UnitId.EndsWith('7') ? 1 : 0,
        }).ToList();
        var ack = await hub.InvokeAsync<BatchAck>("LogObservations", new ObservationBatch { TestId = testId, BatchId = "b1", Observations = observations });

        Assert.Equal((400, false), (ack.Accepted, ack.Duplicate));
        var results = await _server.GetJsonAsync<AbTestResults>($"api/v1/ab-tests/{testId}/results");
        foreach (var variant in results.Metrics[0].Variants)
        {
            var mine = assigned.Assignments.Where(a => a.Variant == variant.Name).ToList();
            Assert.Equal(mine.Count, variant.N);
            Assert.Equal(mine.Count(a => a.UnitId.EndsWith('7')) / (double)mine.Count, variant.Mean!.Value, 12);
        }
        // The hub answers what HTTP answers: one assignment function.
        var overHttp = await _service.AssignAsync(_server.Admin, testId, units);
        Assert.Equal(overHttp.Assignments.Select(a => a.Variant), assigned.Assignments.Select(a => a.Variant));
    }

    [Fact]
    public async Task LogObservations_Refused_HubExceptionWithTheMessage()
    {
        var testId = await StartedTestAsync("hub-refused");
        await using var hub = _server.CreateHubConnection(messagePack: true);
        await hub.StartAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<BatchAck>("LogObservations", new ObservationBatch
        {
            TestId = testId,
            BatchId = "bad",
            Observations = [new ObservationInput { UnitId = "u1", Variant = "control", Metric = "converted", Value = 0.5 }],
        }));

        Assert.Contains("observations[0].value 0.5 is not 0 or 1", error.Message);
        var unknown = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<AssignResult>("AssignVariants", new AssignRequest { TestId = "424242", UnitIds = ["u"] }));
        Assert.Contains("A/B test 424242 does not exist", unknown.Message);
    }

    [Fact]
    public async Task Client_AssignsAndLogsObservations_StoredOnce()
    {
        var testId = await StartedTestAsync("client");
        await using var client = new FinSightClient(new FinSightClientOptions
        {
            ServerUrl = _server.Address, ApiKey = FinSightServer.AdminKey, SystemMetrics = false,
        });
        var units = Enumerable.Range(0, 50).Select(i => $"c{i}").ToArray();

        var assigned = await client.AssignVariantsAsync(testId, units);
        var ack = await client.LogObservationsAsync(testId, units.Select(u => new AbObservation(u, assigned[u], "converted", 1)).ToList());

        Assert.Equal(units.Length, assigned.Count);
        Assert.Equal(50, ack.Accepted);
        var results = await _server.GetJsonAsync<AbTestResults>($"api/v1/ab-tests/{testId}/results");
        Assert.Equal(50, results.Srm.Variants.Sum(v => v.Units));
        Assert.All(results.Metrics[0].Variants.Where(v => v.N > 0), v => Assert.Equal(1.0, v.Mean));
    }

    private async Task<string> StartedTestAsync(string name)
    {
        var test = await _service.CreateAsync(_server.Admin, AbTestSeed.Body(_experimentId, name));
        await _service.StartAsync(_server.Admin, test.Id.ToString());
        return test.Id.ToString();
    }
}
