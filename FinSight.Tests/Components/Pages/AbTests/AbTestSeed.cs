using System.Security.Claims;
using FinSight.Core.Contracts;
using FinSight.Dashboard.AbTests;
using FinSight.Dashboard.Ingestion;
using FinSight.Tests.Integration;
using Microsoft.Extensions.DependencyInjection;

namespace FinSight.Tests.Components.Pages.AbTests;

/// <summary>A/B tests and their observations made through the real service as the server's admin, the way the API would.</summary>
public static class AbTestSeed
{
    public const string Metric = "converted";
    public const string Guardrail = "latency_ms";

    /// <summary>A valid definition: control and treatment at 50/50, the binary metric <see cref="Metric"/>, 100 units per variant.</summary>
    public static CreateAbTestRequest Body(string experimentId, string name) => new()
    {
        Name = name,
        ExperimentId = experimentId,
        Variants = [new() { Name = "control", Weight = 0.5 }, new() { Name = "treatment", Weight = 0.5 }],
        Control = "control",
        Metrics = [new() { Key = Metric, Type = "binary", Direction = "higher" }],
        MinSampleSize = 100,
    };

    /// <summary>
    /// An experiment (created when missing) with a control/treatment test on the binary metric <see cref="Metric"/>,
    /// optionally a continuous lower-is-better guardrail <see cref="Guardrail"/>; started unless <paramref name="start"/> is false.
    /// </summary>
    public static async Task<AbTestRecord> CreateAsync(FinSightServer server, string name = "new-ranker", string experiment = "checkout",
        long minSampleSize = 100, double controlWeight = 0.5, bool guardrail = false, bool start = true)
    {
        var ingestion = server.Services.GetRequiredService<IngestionService>();
        var service = server.Services.GetRequiredService<AbTestService>();
        var experimentId = (await ingestion.GetOrCreateExperimentAsync(server.Admin, experiment)).ExperimentId;
        var body = Body(experimentId, name);
        body.Hypothesis = "The new ranker raises conversion.";
        body.Variants = [new() { Name = "control", Weight = controlWeight }, new() { Name = "treatment", Weight = 1 - controlWeight }];
        if (guardrail) body.Metrics!.Add(new AbMetricInput { Key = Guardrail, Type = "continuous", Direction = "lower", Guardrail = true });
        body.MinSampleSize = minSampleSize;
        var test = await service.CreateAsync(server.Admin, body);
        return start ? await service.StartAsync(server.Admin, test.Id.ToString()) : test;
    }

    /// <summary>
    /// <paramref name="units"/> new units of <paramref name="variant"/>, the first <paramref name="conversions"/> converting;
    /// with <paramref name="guardrailValue"/>, each unit also reports the guardrail. Unit ids start at <paramref name="firstUnit"/>.
    /// </summary>
    public static async Task ObserveAsync(FinSightServer server, long testId, string variant, int units, int conversions,
        int firstUnit = 0, Func<int, double>? guardrailValue = null, ClaimsPrincipal? caller = null)
    {
        var observations = new List<ObservationInput>();
        for (var i = firstUnit; i < firstUnit + units; i++)
        {
            var unit = $"{variant}-{i}";
            observations.Add(new ObservationInput { UnitId = unit, Variant = variant, Metric = Metric, Value = i - firstUnit < conversions ? 1.0 : 0.0 });
            if (guardrailValue is not null)
                observations.Add(new ObservationInput { UnitId = unit, Variant = variant, Metric = Guardrail, Value = guardrailValue(i) });
        }
        await server.Services.GetRequiredService<AbTestService>().LogObservationsAsync(caller ?? server.Admin, testId.ToString(),
            new ObservationBatch { BatchId = Guid.NewGuid().ToString("N"), Observations = observations });
    }
}
