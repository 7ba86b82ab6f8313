using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FinSight.Core.Access;
using FinSight.Core.Contracts;
using Xunit;
using static FinSight.Tests.Integration.AccessTestUsers;

namespace FinSight.Tests.Integration;

/// <summary>
/// A real server with an experiment of 30 finished tuning runs logged over HTTP (val_loss rises with the learning rate,
/// adam beats sgd, batch size is noise, seed never changes), plus a running run, a finished run without val_loss and
/// one whose val_loss is NaN; and a second experiment with only three finished runs.
/// </summary>
public sealed class HyperparameterApiFixture : IAsyncLifetime
{
    public FinSightServer Server { get; private set; } = null!;
    public string ExperimentId { get; private set; } = "";
    public string SmallExperimentId { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Server = await FinSightServer.StartAsync();
        using var http = Server.CreateHttpClient();
        ExperimentId = await CreateAsync(http, "tuning");
        SmallExperimentId = await CreateAsync(http, "small");
        var random = new Random(11);
        for (var i = 0; i < 30; i++)
        {
            var lr = Math.Pow(10, -5 + 3 * random.NextDouble());
            var optimizer = i % 2 == 0 ? "adam" : "sgd";
            var batch = random.Next(2) == 0 ? "32" : "64";
            // The loss rises with the learning rate's exponent; sgd costs 0.3. The last point is a little worse than the best.
            var best = 1 + 0.4 * Math.Log10(lr) + 0.02 * random.NextDouble() + (optimizer == "sgd" ? 0.3 : 0) + 2;
            await LogRunAsync(http, ExperimentId, $"trial-{i}", "FINISHED",
                [("lr", lr.ToString("G3", CultureInfo.InvariantCulture)), ("optimizer", optimizer), ("batch_size", batch), ("seed", "7")],
                [("val_loss", [best + 0.5, best, best + 0.05]), ("accuracy", [0.5, 1 / best])]);
        }
        await LogRunAsync(http, ExperimentId, "still-running", null, [("lr", "0.001")], [("val_loss", [0.1])]);
        await LogRunAsync(http, ExperimentId, "no-val-loss", "FINISHED", [("lr", "0.001")], [("accuracy", [0.9])]);
        await LogRunAsync(http, ExperimentId, "nan-loss", "FINISHED", [("lr", "0.001")], [("val_loss", [double.NaN])]);
        for (var i = 0; i < 3; i++)
            await LogRunAsync(http, SmallExperimentId, $"small-{i}", "FINISHED", [("lr", (0.1 * (i + 1)).ToString(CultureInfo.InvariantCulture))], [("val_loss", [1.0 + i])]);
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();

    private static async Task<string> CreateAsync(HttpClient http, string name)
    {
        using var response = await http.PostAsync("api/v1/experiments", Json(new { name }));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ExperimentInfo>(FinSightServer.Json))!.ExperimentId;
    }

    private static async Task LogRunAsync(HttpClient http, string experimentId, string name, string? end,
        (string Key, string Value)[] parameters, (string Key, double[] Values)[] metrics)
    {
        using var started = await http.PostAsync("api/v1/runs", Json(new
        {
            experimentId, runName = name, @params = parameters.Select(p => new { key = p.Key, value = p.Value }),
        }));
        started.EnsureSuccessStatusCode();
        var runId = (await started.Content.ReadFromJsonAsync<StartRunResult>(FinSightServer.Json))!.RunId;
        var points = metrics.SelectMany(m => m.Values.Select((v, step) => new { key = m.Key, value = v, step, timestamp = 1_700_000_000_000L + step }));
        using (var logged = await http.PostAsync($"api/v1/runs/{runId}/log-batch", new StringContent(
                   JsonSerializer.Serialize(new { batchId = "b1", metrics = points }, FinSightServer.Json), System.Text.Encoding.UTF8, "application/json")))
            logged.EnsureSuccessStatusCode();
        if (end is null) return;
        using var ended = await http.PostAsync($"api/v1/runs/{runId}/end", Json(new { status = end }));
        ended.EnsureSuccessStatusCode();
    }
}

/// <summary><c>GET /api/v1/experiments/{experimentId}/hyperparameters</c> over the real server.</summary>
public sealed class HyperparametersApiTests(HyperparameterApiFixture fixture) : IClassFixture<HyperparameterApiFixture>
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string query, string? experimentId = null, string? key = FinSightServer.AdminKey)
    {
        using var http = fixture.Server.CreateHttpClient(key);
        using var response = await http.GetAsync($"api/v1/experiments/{experimentId ?? fixture.ExperimentId}/hyperparameters?{query}");
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement);
    }

    private static JsonElement Param(JsonElement body, string name) =>
        body.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name);

    [Fact]
    public async Task Analyze_TuningRuns_ParamsRankedWithRangesAndRecommendations()
    {
        var (status, body) = await GetAsync("target=val_loss");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("val_loss", body.GetProperty("target").GetString());
        Assert.Equal("min", body.GetProperty("mode").GetString());
        Assert.Equal("best", body.GetProperty("aggregate").GetString());
        Assert.Equal(30, body.GetProperty("runs").GetInt32());
        Assert.Equal(2, body.GetProperty("excludedRuns").GetInt32());
        Assert.Equal(3, body.GetProperty("bestRuns").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("message").ValueKind);
        Assert.Equal(["lr", "optimizer", "batch_size", "seed"], body.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        var lr = Param(body, "lr");
        Assert.Equal("numeric", lr.GetProperty("kind").GetString());
        Assert.Equal("clear", lr.GetProperty("effect").GetString());
        // Pearson sees a straight line in lr, which the loss is not (it follows lr's exponent); Spearman sees the whole trend.
        Assert.True(lr.GetProperty("correlation").GetDouble() > 0.5);
        Assert.True(lr.GetProperty("spearman").GetDouble() > 0.9);
        Assert.True(lr.GetProperty("correlationPValue").GetDouble() < 0.001);
        Assert.True(lr.GetProperty("importance").GetDouble() > Param(body, "batch_size").GetProperty("importance").GetDouble());
        Assert.True(lr.GetProperty("optimalMin").GetDouble() <= lr.GetProperty("optimalMax").GetDouble());
        var optimizer = Param(body, "optimizer");
        Assert.Equal("categorical", optimizer.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, optimizer.GetProperty("correlation").ValueKind);
        Assert.Equal("adam", optimizer.GetProperty("values")[0].GetString());
        Assert.Equal("constant", Param(body, "seed").GetProperty("effect").GetString());
        var recommendations = body.GetProperty("recommendations").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.StartsWith("Best of 30 runs by best val_loss (lower is better): trial-", recommendations[0]);
        Assert.StartsWith("lr between ", recommendations[1]);
        Assert.Contains("lower lr tends to give better val_loss (Spearman ρ = ", recommendations[1]);
        Assert.Equal("Never varied, so not analysed: seed = 7. Vary it to learn its effect.", recommendations[^1]);
    }

    [Fact]
    public async Task Analyze_ModeMaxAndLast_BestRunsAreTheHighestLastValues()
    {
        var (_, min) = await GetAsync("target=val_loss&mode=min&aggregate=last");
        var (status, max) = await GetAsync("target=val_loss&mode=max&aggregate=last");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("max", "last"), (max.GetProperty("mode").GetString(), max.GetProperty("aggregate").GetString()));
        // The lowest losses came with low learning rates; the "best" of a maximized loss, with high ones.
        Assert.True(Param(min, "lr").GetProperty("optimalMax").GetDouble() < Param(max, "lr").GetProperty("optimalMin").GetDouble());
        Assert.Contains("higher lr tends to give better val_loss", max.GetProperty("recommendations")[1].GetString());
        Assert.Equal("sgd", Param(max, "optimizer").GetProperty("values")[0].GetString());
    }

    [Fact]
    public async Task Analyze_DirectionFromTheName_AccuracyIsMaximized()
    {
        var (status, body) = await GetAsync("target=accuracy");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("max", body.GetProperty("mode").GetString());
        Assert.Equal(31, body.GetProperty("runs").GetInt32());
    }

    [Fact]
    public async Task Analyze_TooFewRuns_SaysHowManyMore()
    {
        var (status, body) = await GetAsync("target=val_loss", fixture.SmallExperimentId);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(7, body.GetProperty("moreRunsNeeded").GetInt32());
        Assert.Equal("Hyperparameter analysis needs at least 10 finished runs with a value of val_loss; this experiment has 3, so 7 more are needed.",
            body.GetProperty("message").GetString());
        Assert.Empty(body.GetProperty("parameters").EnumerateArray());
    }

    [Theory]
    [InlineData("", "target is required: the metric to analyse, e.g. ?target=val_loss.")]
    [InlineData("target=val_loss&mode=up", "mode must be min or max (was 'up').")]
    [InlineData("target=val_loss&aggregate=first", "aggregate must be best or last (was 'first').")]
    [InlineData("target=nope", "target: no run of experiment {0} logged a metric 'nope'; its metrics are: accuracy, val_loss.")]
    public async Task Analyze_BadQuery_ProblemNamingTheFieldAndRule(string query, string detail)
    {
        using var http = fixture.Server.CreateHttpClient();
        using var response = await http.GetAsync($"api/v1/experiments/{fixture.ExperimentId}/hyperparameters?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(string.Format(CultureInfo.InvariantCulture, detail, fixture.ExperimentId), await DetailAsync(response));
    }

    [Fact]
    public async Task Analyze_UnknownExperiment_NotFound()
    {
        using var http = fixture.Server.CreateHttpClient();
        using var response = await http.GetAsync("api/v1/experiments/424242/hyperparameters?target=val_loss");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Experiment 424242 does not exist.", await DetailAsync(response));
    }

    [Fact]
    public async Task Analyze_NoPermission_ForbiddenNamingRead()
    {
        var outsider = await CreateAsync(fixture.Server, Roles.Researcher);
        await GrantAsync(fixture.Server, fixture.ExperimentId, outsider, PermissionLevel.NoPermissions);
        using var http = fixture.Server.CreateHttpClient(outsider.Key);

        using var response = await http.GetAsync($"api/v1/experiments/{fixture.ExperimentId}/hyperparameters?target=val_loss");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.StartsWith($"You need READ permission on experiment {fixture.ExperimentId}", await DetailAsync(response));
    }
}
