using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FinSight.Core.AbTesting;
using FinSight.Core.Contracts;
using FinSight.Dashboard.AbTests;
using FinSight.Tests.Components.Pages.AbTests;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FinSight.Tests.Integration;

/// <summary>A/B tests through <c>/api/v1/ab-tests</c>: definition rules, lifecycle, assignment, observations and results.</summary>
public sealed class AbTestApiTests : IAsyncLifetime
{
    private FinSightServer _server = null!;
    private HttpClient _http = null!;
    private string _experimentId = "";

    public async ValueTask InitializeAsync()
    {
        _server = await FinSightServer.StartAsync(new() { ["AbTesting:EndCheckInterval"] = "00:00:00.200" });
        _http = _server.CreateHttpClient();
        _experimentId = await AccessTestUsers.CreateExperimentAsync(_server, "ab-api");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Create_ValidDefinition_DraftWithPlannedSampleSizeAndThePrimaryMetricFirst()
    {
        var response = await PostAsync("api/v1/ab-tests", $$"""
            { "name": "ranker-v2", "hypothesis": "v2 ranks better", "experimentId": "{{_experimentId}}",
              "variants": [ { "name": "control", "weight": 0.5 }, { "name": "v2", "weight": 0.5 } ],
              "control": "control",
              "metrics": [ { "key": "latency_ms", "type": "continuous", "direction": "lower", "guardrail": true },
                           { "key": "clicked", "type": "binary", "direction": "higher" } ],
              "minSampleSize": 500 }
            """);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var test = (await response.Content.ReadFromJsonAsync<AbTestInfo>(FinSightServer.Json))!;
        Assert.Equal("draft", test.Status);
        Assert.Equal(500, test.PlannedSampleSize);
        Assert.Equal(0.05, test.Alpha);
        Assert.Equal(["clicked", "latency_ms"], test.Metrics.Select(m => m.Key));
        Assert.Equal($"/api/v1/ab-tests/{test.TestId}", response.Headers.Location!.OriginalString);
        Assert.Equal(FinSightServer.AdminEmail, test.CreatedBy);
    }

    [Theory]
    [InlineData("""[ { "name": "a", "weight": 0.5 }, { "name": "b", "weight": 0.4 } ]""", "a", "sum to 0.9")]
    [InlineData("""[ { "name": "a", "weight": 0.5 }, { "name": "b", "weight": 0.5000001 } ]""", "a", "sum to 1.0000001")]
    [InlineData("""[ { "name": "a", "weight": 1 } ]""", "a", "at least 2 variants")]
    [InlineData("""[ { "name": "a", "weight": 0.5 }, { "name": "A", "weight": 0.5 } ]""", "a", "variants[1].name 'A' is used by another variant")]
    [InlineData("""[ { "name": "a", "weight": 0.5 }, { "name": "b", "weight": 0.5 } ]""", "c", "control 'c' is not one of the variants (a, b)")]
    [InlineData("""[ { "name": "a", "weight": 0 }, { "name": "b", "weight": 1 } ]""", "a", "variants[0].weight 0 is out of range")]
    public async Task Create_BadSplit_400NamingTheRule(string variants, string control, string expected)
    {
        var response = await PostAsync("api/v1/ab-tests", $$"""
            { "name": "bad", "experimentId": "{{_experimentId}}", "variants": {{variants}}, "control": "{{control}}",
              "metrics": [ { "key": "clicked", "type": "binary", "direction": "higher" } ], "minSampleSize": 100 }
            """);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, expected);
    }

    [Fact]
    public async Task Create_SplitWithinTolerance_Accepted()
    {
        var response = await PostAsync("api/v1/ab-tests", $$"""
            { "name": "thirds", "experimentId": "{{_experimentId}}", "control": "a",
              "variants": [ { "name": "a", "weight": 0.3333333333 }, { "name": "b", "weight": 0.3333333333 }, { "name": "c", "weight": 0.3333333334 } ],
              "metrics": [ { "key": "clicked", "type": "binary", "direction": "higher" } ], "minSampleSize": 100 }
            """);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData(""" "metrics": [ { "key": "m", "type": "binary", "direction": "higher" } ] """, "Give minSampleSize (units per variant) or minDetectableEffect")]
    [InlineData(""" "metrics": [ { "key": "m", "type": "binary", "direction": "higher" } ], "minSampleSize": 10, "minDetectableEffect": 0.1 """, "not both")]
    [InlineData(""" "metrics": [ { "key": "m", "type": "binary", "direction": "higher" } ], "minDetectableEffect": 0.1 """, "needs the primary metric's baseline")]
    [InlineData(""" "metrics": [ { "key": "m", "type": "ratio", "direction": "higher" } ], "minSampleSize": 10 """, "metrics[0].type 'ratio' is not a metric type")]
    [InlineData(""" "metrics": [ { "key": "m", "type": "binary", "direction": "up" } ], "minSampleSize": 10 """, "metrics[0].direction 'up' is not a direction")]
    [InlineData(""" "metrics": [ { "key": "m", "type": "binary", "direction": "higher", "guardrail": true } ], "minSampleSize": 10 """, "exactly one metric must have guardrail false")]
    [InlineData(""" "metrics": [ { "key": "m", "type": "binary", "direction": "higher" } ], "minSampleSize": 10, "alpha": 0.7 """, "alpha 0.7 is out of range")]
    [InlineData(""" "metrics": [ { "key": "m", "type": "binary", "direction": "higher" } ], "minSampleSize": 10, "endsAt": 1000 """, "endsAt 1000 is not in the future")]
    public async Task Create_BadMetricsOrPlan_400NamingTheField(string rest, string expected)
    {
        var response = await PostAsync("api/v1/ab-tests", $$"""
            { "name": "bad", "experimentId": "{{_experimentId}}", "control": "a",
              "variants": [ { "name": "a", "weight": 0.5 }, { "name": "b", "weight": 0.5 } ], {{rest}} }
            """);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, expected);
    }

    [Fact]
    public async Task Create_SameNameTwiceInAnExperiment_409()
    {
        await CreateAsync("twice");
        var response = await _http.PostAsJsonAsync("api/v1/ab-tests", Body("twice"), FinSightServer.Json);

        await AssertProblemAsync(response, HttpStatusCode.Conflict, "already has an A/B test named 'twice'");
    }

    [Fact]
    public async Task Create_ModelRefOfAnUnknownRun_400()
    {
        var body = Body("model-ref");
        body.Variants![1].ModelRef = new string('a', 32);

        var response = await _http.PostAsJsonAsync("api/v1/ab-tests", body, FinSightServer.Json);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "variants[1].modelRef: run 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' does not exist");
    }

    [Fact]
    public async Task Lifecycle_DraftRunningStopped_ObservationsOnlyWhileRunning()
    {
        var testId = await CreateAsync("lifecycle");

        await AssertProblemAsync(await ObserveAsync(testId, "early", ("u1", "control", 1)), HttpStatusCode.Conflict, "is a draft; start it");
        var started = await PostJsonAsync<AbTestInfo>($"api/v1/ab-tests/{testId}/start");
        Assert.Equal("running", started.Status);
        Assert.NotNull(started.StartedAt);
        Assert.Equal(HttpStatusCode.OK, (await ObserveAsync(testId, "b1", ("u1", "control", 1))).StatusCode);
        await AssertProblemAsync(await PostAsync($"api/v1/ab-tests/{testId}/start", "{}"), HttpStatusCode.Conflict, "is already running");

        var stopped = await PostJsonAsync<AbTestInfo>($"api/v1/ab-tests/{testId}/stop");
        Assert.Equal(("stopped", FinSightServer.AdminEmail), (stopped.Status, stopped.FinishedBy));
        await AssertProblemAsync(await ObserveAsync(testId, "late", ("u2", "control", 0)), HttpStatusCode.Conflict, "is stopped and takes no more observations");
        await AssertProblemAsync(await PostAsync($"api/v1/ab-tests/{testId}/end", "{}"), HttpStatusCode.Conflict, "is stopped; only a running test can become ended");
        var results = await _server.GetJsonAsync<AbTestResults>($"api/v1/ab-tests/{testId}/results");
        Assert.Equal("stopped", results.Status);
        Assert.Equal(1, results.Metrics[0].Variants.Single(v => v.Name == "control").N);
    }

    [Fact]
    public async Task EndDate_Passes_TestEndsByItselfAndRefusesObservations()
    {
        var body = Body("dated");
        body.EndsAt = DateTimeOffset.UtcNow.AddSeconds(2).ToUnixTimeMilliseconds();
        var created = await _http.PostAsJsonAsync("api/v1/ab-tests", body, FinSightServer.Json);
        var testId = (await created.Content.ReadFromJsonAsync<AbTestInfo>(FinSightServer.Json))!.TestId;
        await PostJsonAsync<AbTestInfo>($"api/v1/ab-tests/{testId}/start");
        Assert.Equal(HttpStatusCode.OK, (await ObserveAsync(testId, "before", ("u1", "treatment", 1))).StatusCode);

        // The scheduler checks every 200 ms in this server.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        AbTestInfo test;
        while ((test = await _server.GetJsonAsync<AbTestInfo>($"api/v1/ab-tests/{testId}")).FinishedBy is null && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.Equal(("ended", "schedule"), (test.Status, test.FinishedBy));
        await AssertProblemAsync(await ObserveAsync(testId, "after", ("u2", "treatment", 1)), HttpStatusCode.Conflict, "is ended and takes no more observations");
    }

    [Fact]
    public async Task Observations_BadItems_400NamingTheItemAndNothingStored()
    {
        var testId = await StartedAsync("bad-observations");

        await AssertProblemAsync(await ObserveAsync(testId, "v", ("u1", "control", 1), ("u2", "blue", 1)), HttpStatusCode.BadRequest,
            "observations[1].variant 'blue' is not a variant of this test; its variants are control, treatment");
        await AssertProblemAsync(await ObserveAsync(testId, "b", ("u1", "control", 1), ("u2", "control", 2)), HttpStatusCode.BadRequest,
            "observations[1].value 2 is not 0 or 1; 'converted' is a binary metric");
        await AssertProblemAsync(await PostAsync($"api/v1/ab-tests/{testId}/observations", """
            { "batchId": "m", "observations": [ { "unitId": "u1", "variant": "control", "metric": "revenue", "value": 3 } ] }
            """), HttpStatusCode.BadRequest, "observations[0].metric 'revenue' is not a metric of this test; its metrics are converted");
        await AssertProblemAsync(await PostAsync($"api/v1/ab-tests/{testId}/observations", """
            { "batchId": "n", "observations": [ { "unitId": "u1", "variant": "control", "metric": "converted", "value": "NaN" } ] }
            """), HttpStatusCode.BadRequest, "observations[0].value NaN is not finite");
        await AssertProblemAsync(await PostAsync($"api/v1/ab-tests/{testId}/observations", """
            { "observations": [ { "unitId": "u1", "variant": "control", "metric": "converted", "value": 1 } ] }
            """), HttpStatusCode.BadRequest, "batchId is required");

        var results = await _server.GetJsonAsync<AbTestResults>($"api/v1/ab-tests/{testId}/results");
        Assert.All(results.Metrics[0].Variants, v => Assert.Equal(0, v.N));
        Assert.All(results.Srm.Variants, v => Assert.Equal(0, v.Units));
    }

    [Fact]
    public async Task Observations_RepeatedBatchId_AcknowledgedAsDuplicateAndCountedOnce()
    {
        var testId = await StartedAsync("idempotent");

        var first = await AckAsync(await ObserveAsync(testId, "same", ("u1", "control", 1), ("u2", "control", 0), ("u3", "treatment", 1)));
        var again = await AckAsync(await ObserveAsync(testId, "same", ("u1", "control", 1), ("u2", "control", 0), ("u3", "treatment", 1)));

        Assert.Equal((3, false), (first.Accepted, first.Duplicate));
        Assert.Equal((3, true), (again.Accepted, again.Duplicate));
        var results = await _server.GetJsonAsync<AbTestResults>($"api/v1/ab-tests/{testId}/results");
        var control = results.Metrics[0].Variants.Single(v => v.Name == "control");
        Assert.Equal((2L, 0.5), (control.N, control.Mean!.Value));
        Assert.Equal([2L, 1L], results.Srm.Variants.Select(v => v.Units));
    }

    [Fact]
    public async Task Observations_UnitSwitchesVariant_Refused()
    {
        var testId = await StartedAsync("sticky-units");
        await ObserveAsync(testId, "first", ("u1", "control", 1));

        await AssertProblemAsync(await ObserveAsync(testId, "inbatch", ("u2", "control", 1), ("u2", "treatment", 1)), HttpStatusCode.BadRequest,
            "unit 'u2' is in variant 'control' at observations[0] and 'treatment' here");
        await AssertProblemAsync(await ObserveAsync(testId, "switch", ("u3", "treatment", 0), ("u1", "treatment", 1)), HttpStatusCode.Conflict,
            "observations[1].variant: unit 'u1' was served 'control' before, not 'treatment'");

        // The refused batch left nothing: u3 was not counted.
        var results = await _server.GetJsonAsync<AbTestResults>($"api/v1/ab-tests/{testId}/results");
        Assert.Equal([1L, 0L], results.Srm.Variants.Select(v => v.Units));
    }

    [Fact]
    public async Task Observations_SameUnitOnSeveralMetrics_OneUnitManySamples()
    {
        var body = Body("two-metrics");
        body.Metrics!.Add(new AbMetricInput { Key = "revenue", Type = "continuous", Direction = "higher", Guardrail = true });
        var testId = (await (await _http.PostAsJsonAsync("api/v1/ab-tests", body, FinSightServer.Json)).Content.ReadFromJsonAsync<AbTestInfo>(FinSightServer.Json))!.TestId;
        await PostJsonAsync<AbTestInfo>($"api/v1/ab-tests/{testId}/start");

        await AckAsync(await PostAsync($"api/v1/ab-tests/{testId}/observations", """
            { "batchId": "b", "observations": [
              { "unitId": "u1", "variant": "treatment", "metric": "converted", "value": 1 },
              { "unitId": "u1", "variant": "treatment", "metric": "revenue", "value": 12.5 },
              { "unitId": "u2", "variant": "treatment", "metric": "revenue", "value": 7.5 } ] }
            """));

        var results = await _server.GetJsonAsync<AbTestResults>($"api/v1/ab-tests/{testId}/results");
        Assert.Equal(2, results.Srm.Variants.Single(v => v.Name == "treatment").Units);
        var revenue = results.Metrics.Single(m => m.Key == "revenue").Variants.Single(v => v.Name == "treatment");
        Assert.Equal((2L, 10.0), (revenue.N, revenue.Mean!.Value));
        Assert.True(results.Metrics.Single(m => m.Key == "revenue").Guardrail);
    }

    [Fact]
    public async Task Assign_SameUnitsTwice_SameVariantsInRequestOrder()
    {
        var testId = await CreateAsync("assign");
        var units = Enumerable.Range(0, 1000).Select(i => $"user-{i}").ToArray();

        var first = await AssignAsync(testId, units);
        var second = await AssignAsync(testId, units.Reverse().ToArray());

        Assert.Equal(units, first.Select(a => a.UnitId));
        Assert.Equal(first.ToDictionary(a => a.UnitId, a => a.Variant), second.ToDictionary(a => a.UnitId, a => a.Variant));
        // Both variants get a fair share of 1,000 units (binomial 500 ± 5 sd).
        Assert.InRange(first.Count(a => a.Variant == "control"), 420, 580);
    }

    [Fact]
    public async Task Assign_AfterARestart_SameVariants()
    {
        var testId = await CreateAsync("restart");
        var units = Enumerable.Range(0, 200).Select(i => $"account-{i}").ToArray();
        var before = await AssignAsync(testId, units);

        await _server.StopAsync();
        await _server.RestartAsync();
        using var http = _server.CreateHttpClient();
        var response = await http.PostAsJsonAsync($"api/v1/ab-tests/{testId}/assign", new { unitIds = units }, FinSightServer.Json);
        var after = (await response.Content.ReadFromJsonAsync<AssignResult>(FinSightServer.Json))!.Assignments;

        Assert.Equal(before.Select(a => a.Variant), after.Select(a => a.Variant));
    }

    [Fact]
    public async Task Assign_BadUnitIds_400()
    {
        var testId = await CreateAsync("assign-bad");

        await AssertProblemAsync(await PostAsync($"api/v1/ab-tests/{testId}/assign", """{ "unitIds": [ "ok", "" ] }"""), HttpStatusCode.BadRequest, "unitIds[1] is required");
        await AssertProblemAsync(await PostAsync($"api/v1/ab-tests/{testId}/assign", "{}"), HttpStatusCode.BadRequest, "unitIds is required");
        await AssertProblemAsync(await PostAsync("api/v1/ab-tests/abc/assign", """{ "unitIds": [ "u" ] }"""), HttpStatusCode.BadRequest, "testId 'abc' is not an A/B test id");
        await AssertProblemAsync(await PostAsync("api/v1/ab-tests/999999/assign", """{ "unitIds": [ "u" ] }"""), HttpStatusCode.NotFound, "A/B test 999999 does not exist");
    }

    [Fact]
    public async Task ChangeSplit_RunningTest_RecordedWithTimeAndWhoAndAssignmentsFollow()
    {
        var testId = await StartedAsync("resplit");
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var response = await _http.PutAsJsonAsync($"api/v1/ab-tests/{testId}/split",
            new { variants = new[] { new { name = "control", weight = 0.9 }, new { name = "treatment", weight = 0.1 } } }, FinSightServer.Json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var test = (await response.Content.ReadFromJsonAsync<AbTestInfo>(FinSightServer.Json))!;
        Assert.Equal([0.9, 0.1], test.Variants.Select(v => v.Weight));
        var change = Assert.Single(test.SplitChanges);
        Assert.Equal(FinSightServer.AdminEmail, change.ChangedBy);
        Assert.InRange(change.Time, before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Equal((0.5, 0.9), (change.OldWeights["control"], change.NewWeights["control"]));
        var assigned = await AssignAsync(testId, Enumerable.Range(0, 2000).Select(i => $"u{i}").ToArray());
        Assert.InRange(assigned.Count(a => a.Variant == "control"), 1740, 1860); // 1,800 ± 4.5 sd
    }

    [Fact]
    public async Task ChangeSplit_BadWeights_400WithTheSum()
    {
        var testId = await StartedAsync("resplit-bad");

        var response = await _http.PutAsJsonAsync($"api/v1/ab-tests/{testId}/split",
            new { variants = new[] { new { name = "control", weight = 0.7 }, new { name = "treatment", weight = 0.7 } } }, FinSightServer.Json);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "sum to 1.4; they must sum to 1");
        var missing = await _http.PutAsJsonAsync($"api/v1/ab-tests/{testId}/split",
            new { variants = new[] { new { name = "control", weight = 1.0 } } }, FinSightServer.Json);
        await AssertProblemAsync(missing, HttpStatusCode.BadRequest, "missing: treatment");
    }

    [Fact]
    public async Task Observations_AfterARestart_StillCounted()
    {
        var testId = await StartedAsync("durable");
        await AckAsync(await ObserveAsync(testId, "b1", ("u1", "control", 1), ("u2", "treatment", 0)));

        await _server.StopAsync();
        await _server.RestartAsync();

        var results = await _server.GetJsonAsync<AbTestResults>($"api/v1/ab-tests/{testId}/results");
        Assert.Equal([1L, 1L], results.Metrics[0].Variants.Select(v => v.N));
        using var http = _server.CreateHttpClient();
        var again = await http.PostAsync($"api/v1/ab-tests/{testId}/observations", Content(ObservationBody("b1", ("u1", "control", 1), ("u2", "treatment", 0))));
        Assert.True((await AckAsync(again)).Duplicate);
    }

    [Fact]
    public async Task List_ShowsUnitsPerVariantAndStatus()
    {
        var testId = await StartedAsync("listed");
        await AckAsync(await ObserveAsync(testId, "b", ("u1", "control", 1), ("u2", "control", 0), ("u3", "treatment", 1)));

        var list = await _server.GetJsonAsync<List<AbTestListItem>>("api/v1/ab-tests");

        var item = list.Single(t => t.TestId == testId);
        Assert.Equal(("running", "ab-api", "converted"), (item.Status, item.ExperimentName, item.PrimaryMetric));
        Assert.Equal(["control:2", "treatment:1"], item.Variants.Select(v => $"{v.Name}:{v.Units}"));
        Assert.Equal("treatment", item.Leader);
    }

    [Fact]
    public async Task Results_Json_CarriesTheContractsFields()
    {
        var testId = await StartedAsync("contract");
        await AckAsync(await ObserveAsync(testId, "b", ("u1", "control", 1), ("u2", "treatment", 0)));

        using var document = JsonDocument.Parse(await _http.GetStringAsync($"api/v1/ab-tests/{testId}/results"));

        var root = document.RootElement;
        Assert.Equal("running", root.GetProperty("status").GetString());
        Assert.True(root.GetProperty("srm").TryGetProperty("pValue", out _));
        Assert.False(root.GetProperty("srm").GetProperty("flagged").GetBoolean());
        var variant = root.GetProperty("metrics")[0].GetProperty("variants")[1];
        foreach (var field in new[] { "name", "n", "mean", "ciLow", "ciHigh", "lift", "liftCiLow", "liftCiHigh", "pValue", "pValueAdjusted", "chanceToBeatControl", "expectedLoss" })
            Assert.True(variant.TryGetProperty(field, out _), $"results.metrics[0].variants[1] lacks '{field}'");
        Assert.Equal(JsonValueKind.Null, root.GetProperty("metrics")[0].GetProperty("variants")[0].GetProperty("lift").ValueKind);
        Assert.True(root.TryGetProperty("winner", out _));
        Assert.Equal("keepRunning", root.GetProperty("verdict").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("recommendation").GetString()));
    }

    // --- helpers ---

    private CreateAbTestRequest Body(string name) => AbTestSeed.Body(_experimentId, name);

    private async Task<string> CreateAsync(string name)
    {
        var response = await _http.PostAsJsonAsync("api/v1/ab-tests", Body(name), FinSightServer.Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AbTestInfo>(FinSightServer.Json))!.TestId;
    }

    private async Task<string> StartedAsync(string name)
    {
        var testId = await CreateAsync(name);
        await PostJsonAsync<AbTestInfo>($"api/v1/ab-tests/{testId}/start");
        return testId;
    }

    private async Task<List<Assignment>> AssignAsync(string testId, string[] units)
    {
        var response = await _http.PostAsJsonAsync($"api/v1/ab-tests/{testId}/assign", new { unitIds = units }, FinSightServer.Json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AssignResult>(FinSightServer.Json))!.Assignments;
    }

    private static string ObservationBody(string batchId, params (string Unit, string Variant, double Value)[] observations) =>
        JsonSerializer.Serialize(new
        {
            batchId,
            observations = observations.Select(o => new { unitId = o.Unit, variant = o.Variant, metric = "converted", value = o.Value }),
        });

    private Task<HttpResponseMessage> ObserveAsync(string testId, string batchId, params (string Unit, string Variant, double Value)[] observations) =>
        PostAsync($"api/v1/ab-tests/{testId}/observations", ObservationBody(batchId, observations));

    private static async Task<BatchAck> AckAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonSerializer.Deserialize<BatchAck>(text, FinSightServer.Json)!;
    }

    private async Task<T> PostJsonAsync<T>(string path)
    {
        var response = await PostAsync(path, "{}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonSerializer.Deserialize<T>(text, FinSightServer.Json)!;
    }

    private static StringContent Content(string json) => new(json, Encoding.UTF8, "application/json");

    private Task<HttpResponseMessage> PostAsync(string path, string json) => _http.PostAsync(path, Content(json));

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        using var problem = JsonDocument.Parse(text);
        Assert.Contains(expected, problem.RootElement.GetProperty("detail").GetString());
    }
}
