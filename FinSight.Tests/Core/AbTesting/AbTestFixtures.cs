using System.Text.Json;
using FinSight.Core.AbTesting;
using FinSight.Core.Analysis;
using Xunit;

namespace FinSight.Tests.Core.AbTesting;

/// <summary>Designs, data rows and assertions shared by the A/B statistics tests.</summary>
internal static class AbTestFixtures
{
    public static readonly AbMetric Conversion = new("conversion", AbMetricKind.Binary, MetricDirection.Maximize, Guardrail: false);
    public static readonly AbMetric Revenue = new("revenue", AbMetricKind.Continuous, MetricDirection.Maximize, Guardrail: false);
    public static readonly AbMetric ErrorRate = new("error_rate", AbMetricKind.Binary, MetricDirection.Minimize, Guardrail: false);
    public static readonly AbMetric LatencyGuardrail = new("latency_ms", AbMetricKind.Continuous, MetricDirection.Minimize, Guardrail: true);

    /// <summary>A design with variants named "control", "B", "C", … (equal weights unless given) and the metrics given.</summary>
    public static AbTestDesign Design(long planned, IReadOnlyList<AbMetric> metrics, int variants = 2, double alpha = 0.05, double[]? weights = null)
    {
        weights ??= Enumerable.Repeat(1.0 / variants, variants).ToArray();
        var list = Enumerable.Range(0, variants)
            .Select(i => new AbVariant(i == 0 ? "control" : ((char)('A' + i)).ToString(), weights[i], null))
            .ToList();
        return new AbTestDesign(list, "control", metrics, alpha, 0.8, planned, null, planned);
    }

    /// <summary>A binary metric's row: Σx = Σx² = conversions.</summary>
    public static AbMetricTotals Binary(string variant, string metric, long n, long conversions) =>
        new(variant, metric, n, conversions, conversions);

    /// <summary>A continuous metric's row with the given sample mean and standard deviation (ddof = 1).</summary>
    public static AbMetricTotals Continuous(string variant, string metric, long n, double mean, double sd) =>
        new(variant, metric, n, n * mean, (n - 1) * sd * sd + n * mean * mean);

    /// <summary>Data whose units per variant equal the primary metric's N (a fair split when the Ns match the weights).</summary>
    public static AbTestData DataFor(string primary, params AbMetricTotals[] totals) =>
        new(totals.Where(t => t.Metric == primary).Select(t => new AbVariantUnits(t.Variant, t.N)).ToList(), totals, [], []);

    /// <summary>Asserts |actual − expected| ≤ relative·|expected| (plus a hair for expected values at 0).</summary>
    public static void Near(double expected, double? actual, double relative = 1e-6)
    {
        Assert.NotNull(actual);
        var tolerance = relative * Math.Abs(expected) + 1e-15;
        Assert.True(Math.Abs(actual.Value - expected) <= tolerance, $"Expected {expected:R}, got {actual.Value:R} (tolerance {tolerance:R}).");
    }

    /// <summary>Asserts the results serialise as JSON (which refuses NaN and infinities) and hold no non-finite number anywhere.</summary>
    public static void AssertAllFinite(AbTestResults results)
    {
        var json = JsonSerializer.Serialize(results);
        using var document = JsonDocument.Parse(json);
        Walk(document.RootElement);

        static void Walk(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject()) Walk(property.Value);
                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray()) Walk(item);
                    break;
                case JsonValueKind.Number:
                    Assert.True(double.IsFinite(element.GetDouble()));
                    break;
            }
        }
    }
}
