using FinSight.Core.Analysis;

namespace FinSight.Core.AbTesting;

/// <summary>
/// The statistics engine: turns a test's stored sufficient statistics into results and a recommendation.
/// Frequentist comparisons (Wilson/z-test for binary metrics, Student t/Welch for continuous ones) decide,
/// corrected with Holm–Bonferroni across every treatment × metric; Bayesian chance to beat control and
/// expected loss are reported alongside, modelled on GrowthBook's engine.
/// </summary>
public static class AbTestAnalyzer
{
    /// <summary>Analyses a test as it stands.</summary>
    public static AbTestResults Analyze(AbTestDesign design, AbTestStatus status, AbTestData data)
    {
        var srm = SampleRatioCheck.Check(design.Variants, UnitsByVariant(data.Units));
        var totals = TotalsByVariantAndMetric(data.Totals);
        SufficientStatistics Totals(string variant, string metric) => totals.GetValueOrDefault((variant, metric));

        // The primary first, then the guardrails (the validator already orders them so; a stable sort keeps
        // a hand-built design right too). In each metric, control first, then the treatments in design order.
        var ordered = design.Metrics.OrderBy(m => m.Guardrail).ToList();
        var rows = ordered.Select(metric =>
        {
            var control = Totals(design.Control, metric.Key);
            return design.Treatments
                .Select(t => MetricComparison.TreatmentRow(metric, t.Name, control, Totals(t.Name, metric.Key), design.Alpha))
                .Prepend(MetricComparison.ControlRow(metric, design.Control, control, design.Alpha))
                .ToList();
        }).ToList();

        // One family: every treatment on every metric (control rows have no p-value, so they do not count).
        var adjusted = HolmBonferroni.Adjust(rows.SelectMany(r => r).Select(r => r.PValue).ToList());
        var metrics = new List<AbMetricResult>(ordered.Count);
        var next = 0;
        for (var m = 0; m < ordered.Count; m++)
        {
            var metric = ordered[m];
            var corrected = new List<AbVariantResult>(rows[m].Count);
            foreach (var row in rows[m])
            {
                var p = adjusted[next++];
                corrected.Add(row.IsControl ? row : MetricComparison.WithAdjustedPValue(row, metric.Direction, p, design.Alpha));
            }
            metrics.Add(new AbMetricResult(metric.Key, metric.KindName, metric.Direction.ToWire(), metric.Guardrail, corrected));
        }

        var sampleSizeReached = metrics[0].Variants.All(v => v.N >= design.PlannedSampleSize);
        var decision = AbRecommendation.Decide(design, metrics, srm, sampleSizeReached, status);
        return new AbTestResults(
            status.ToWire(), srm, metrics, decision.Winner, decision.Recommendation, decision.Verdict,
            HolmBonferroni.Name, adjusted.Count(p => p is not null), design.PlannedSampleSize, sampleSizeReached,
            AbTimelineBuilder.Build(design, data));
    }

    // Rows are summed per key, so a store that keeps several partial rows (per shard, per batch) reads the same.
    private static Dictionary<string, long> UnitsByVariant(IEnumerable<AbVariantUnits> units) =>
        units.GroupBy(u => u.Variant, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(u => u.Units), StringComparer.Ordinal);

    private static Dictionary<(string Variant, string Metric), SufficientStatistics> TotalsByVariantAndMetric(IEnumerable<AbMetricTotals> totals)
    {
        var result = new Dictionary<(string, string), SufficientStatistics>();
        foreach (var row in totals)
            result[(row.Variant, row.Metric)] = result.GetValueOrDefault((row.Variant, row.Metric)).Add(SufficientStatistics.From(row));
        return result;
    }
}
