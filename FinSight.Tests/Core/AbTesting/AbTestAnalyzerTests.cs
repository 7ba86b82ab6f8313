using FinSight.Core.AbTesting;
using FinSight.Core.Analysis;
using Xunit;
using static FinSight.Tests.Core.AbTesting.AbTestFixtures;

namespace FinSight.Tests.Core.AbTesting;

// Expected p-values in the sentences come from scipy 1.10.1 (see reference_values.py's formulas):
// 1000/10000 vs 1120/10000 → p = 0.005843885426281378, relative lift 0.12 (95% CI 0.0297 to 0.2103);
// latency mean 100 vs 100.8, sd 20, n 10000 each → Welch p = 0.0046823866428102184.
public sealed class AbTestAnalyzerTests
{
    [Fact]
    public void Analyze_NoData_SaysSoAndLeavesEverythingNull()
    {
        var design = Design(1000, [Conversion, LatencyGuardrail]);

        var results = AbTestAnalyzer.Analyze(design, AbTestStatus.Running, AbTestData.Empty);

        Assert.Equal(AbVerdict.NoData, results.Verdict);
        Assert.Equal("No observations yet: send observations for the primary metric to see results.", results.Recommendation);
        Assert.Null(results.Winner);
        Assert.Equal("running", results.Status);
        Assert.Equal("holm-bonferroni", results.Correction);
        Assert.Equal(0, results.Comparisons);
        Assert.Equal(1000, results.PlannedSampleSize);
        Assert.False(results.SampleSizeReached);
        Assert.Null(results.Srm.PValue);
        Assert.False(results.Srm.Flagged);
        Assert.Empty(results.Timeline.Days);
        Assert.Equal(["conversion", "latency_ms"], results.Metrics.Select(m => m.Key));
        Assert.Equal(["binary", "continuous"], results.Metrics.Select(m => m.Type));
        Assert.Equal(["higher", "lower"], results.Metrics.Select(m => m.Direction));
        Assert.All(results.Metrics, m => Assert.Equal(["control", "B"], m.Variants.Select(v => v.Name)));
        Assert.All(results.Metrics.SelectMany(m => m.Variants), v => Assert.Null(v.Mean));
        AssertAllFinite(results);
    }

    [Fact]
    public void Analyze_SkewedUnits_ReportsSampleRatioMismatch()
    {
        var design = Design(1000, [Conversion]);
        var data = DataFor("conversion", Binary("control", "conversion", 10400, 1040), Binary("B", "conversion", 9600, 1200));

        var results = AbTestAnalyzer.Analyze(design, AbTestStatus.Running, data);

        Assert.Equal(AbVerdict.SampleRatioMismatch, results.Verdict);
        Assert.Null(results.Winner);
        Assert.True(results.Srm.Flagged);
        // scipy.stats.chisquare([10400, 9600]).pvalue = 1.5417257900280013e-08
        Assert.Equal(
            "Don't trust these results: units per variant don't match the split (sample ratio mismatch, p = 1.5e-08); check how units are assigned.",
            results.Recommendation);
    }

    [Fact]
    public void Analyze_GuardrailHarmed_StopsEvenWhenThePrimaryWins()
    {
        var design = Design(10000, [Conversion, LatencyGuardrail]);
        var data = DataFor("conversion",
            Binary("control", "conversion", 10000, 1000), Binary("B", "conversion", 10000, 1120),
            Continuous("control", "latency_ms", 10000, 100, 20), Continuous("B", "latency_ms", 10000, 100.8, 20));

        var results = AbTestAnalyzer.Analyze(design, AbTestStatus.Running, data);

        Assert.Equal(AbVerdict.GuardrailHarmed, results.Verdict);
        Assert.Null(results.Winner);
        // Holm over 2 comparisons: the smaller p (latency, 0.00468) doubles to 0.00936.
        Assert.Equal("Stop: variant B harms guardrail latency_ms (+0.8%, adjusted p = 0.009).", results.Recommendation);
        Assert.Equal(2, results.Comparisons);
        var latency = results.Metrics[1].Variants[1];
        Assert.True(latency.Worse);
        Assert.False(latency.Better);
        Near(2 * 0.0046823866428102184, latency.PValueAdjusted);
        Assert.True(results.Metrics[0].Variants[1].Better);
    }

    [Fact]
    public void Analyze_GuardrailHarmedBeforeThePlannedSize_StillStops()
    {
        var design = Design(50000, [Conversion, LatencyGuardrail]);
        var data = DataFor("conversion",
            Binary("control", "conversion", 10000, 1000), Binary("B", "conversion", 10000, 1000),
            Continuous("control", "latency_ms", 10000, 100, 20), Continuous("B", "latency_ms", 10000, 101.5, 20));

        var results = AbTestAnalyzer.Analyze(design, AbTestStatus.Running, data);

        Assert.Equal(AbVerdict.GuardrailHarmed, results.Verdict);
    }

    [Fact]
    public void Analyze_SignificantBeforeThePlannedSize_KeepsRunningWithoutAWinner()
    {
        var design = Design(12000, [Conversion]);
        // Units are balanced; B's observations of the primary metric lag behind.
        var data = DataFor("conversion", Binary("control", "conversion", 10000, 1000), Binary("B", "conversion", 9500, 1100))
            with { Units = [new("control", 10000), new("B", 10000)] };

        var results = AbTestAnalyzer.Analyze(design, AbTestStatus.Running, data);

        Assert.False(results.Srm.Flagged);
        Assert.Equal(AbVerdict.KeepRunning, results.Verdict);
        Assert.Null(results.Winner);
        Assert.False(results.SampleSizeReached);
        Assert.Equal("Keep running: about 2,500 more units per variant are needed to reach the planned 12,000.", results.Recommendation);
        // The row still shows what the data say; only the decision waits.
        Assert.True(results.Metrics[0].Variants[1].Better);
    }

    [Fact]
    public void Analyze_StoppedBeforeThePlannedSize_InconclusiveNotKeepRunning()
    {
        var design = Design(12000, [Conversion]);
        var data = DataFor("conversion", Binary("control", "conversion", 10000, 1000), Binary("B", "conversion", 9500, 1100))
            with { Units = [new("control", 10000), new("B", 10000)] };

        var results = AbTestAnalyzer.Analyze(design, AbTestStatus.Stopped, data);

        Assert.Equal(AbVerdict.Inconclusive, results.Verdict);
        Assert.Null(results.Winner);
        Assert.Equal("Inconclusive: the test stopped with 9,500 units in its smallest variant, short of the planned 12,000; too few to name a winner.", results.Recommendation);
    }

    [Fact]
    public void Analyze_NegativeControlMean_LiftPositiveWhenTreatmentIsHigher()
    {
        // Daily P&L per account: control loses 2.0 on average, B loses 1.0: B is higher, by 50% of |control|.
        var pnl = new AbMetric("pnl", AbMetricKind.Continuous, MetricDirection.Maximize, Guardrail: false);
        var design = Design(100, [pnl]);
        var data = DataFor("pnl", Continuous("control", "pnl", 400, -2.0, 1.0), Continuous("B", "pnl", 400, -1.0, 1.0));

        var row = AbTestAnalyzer.Analyze(design, AbTestStatus.Running, data).Metrics[0].Variants[1];

        Near(0.5, row.Lift);
        Assert.True(row.LiftCiLow > 0);
        Assert.True(row.Better);
    }

    [Fact]
    public void Analyze_PrimaryWins_ShipsWithItsLiftAndInterval()
    {
        var design = Design(10000, [Conversion]);
        var data = DataFor("conversion", Binary("control", "conversion", 10000, 1000), Binary("B", "conversion", 10000, 1120));

        var results = AbTestAnalyzer.Analyze(design, AbTestStatus.Ended, data);

        Assert.Equal(AbVerdict.Ship, results.Verdict);
        Assert.Equal("B", results.Winner);
        Assert.Equal("ended", results.Status);
        Assert.True(results.SampleSizeReached);
        Assert.Equal("Ship variant B: conversion is +12.0% (95% CI +3.0% to +21.0%) against control, adjusted p = 0.006.", results.Recommendation);
        var b = results.Metrics[0].Variants[1];
        Near(0.12, b.Lift);
        Near(0.029681593044826163, b.LiftCiLow);
        Near(0.2103184069551738, b.LiftCiHigh);
        Near(0.005843885426281378, b.PValue);
        Near(0.005843885426281378, b.PValueAdjusted);
        Assert.True(b.ChanceToBeatControl > 0.99);
        var control = results.Metrics[0].Variants[0];
        Assert.True(control.IsControl);
        Assert.Equal(0.1, control.Mean);
        Assert.NotNull(control.CiLow);
        Assert.Null(control.Lift);
        Assert.Null(control.PValue);
        Assert.Null(control.ChanceToBeatControl);
    }

    [Fact]
    public void Analyze_TwoWinners_ShipsTheLargerImprovement()
    {
        var design = Design(10000, [Conversion], variants: 3);
        var data = DataFor("conversion",
            Binary("control", "conversion", 10000, 1000), Binary("B", "conversion", 10000, 1150), Binary("C", "conversion", 10000, 1250));

        var results = AbTestAnalyzer.Analyze(design, AbTestStatus.Running, data);

        Assert.Equal(AbVerdict.Ship, results.Verdict);
        Assert.Equal("C", results.Winner);
        Assert.Equal(2, results.Comparisons);
        Assert.All(results.Metrics[0].Variants.Skip(1), v => Assert.True(v.Better));
    }

    [Fact]
    public void Analyze_LowerIsBetter_ShipsTheVariantThatLowersIt()
    {
        var design = Design(10000, [ErrorRate], variants: 3);
        var data = DataFor("error_rate",
            Binary("control", "error_rate", 10000, 1000), Binary("B", "error_rate", 10000, 1200), Binary("C", "error_rate", 10000, 850));

        var results = AbTestAnalyzer.Analyze(design, AbTestStatus.Running, data);

        Assert.Equal(AbVerdict.Ship, results.Verdict);
        Assert.Equal("C", results.Winner);
        var (b, c) = (results.Metrics[0].Variants[1], results.Metrics[0].Variants[2]);
        Assert.True(b.Worse);
        Assert.False(b.Better);
        Assert.True(c.Better);
        Assert.Equal(-0.15, c.Lift!.Value, 12);
        Assert.True(c.ChanceToBeatControl > 0.99);
        Assert.True(b.ChanceToBeatControl < 0.01);
        Assert.StartsWith("Ship variant C: error_rate is -15.0% (95% CI ", results.Recommendation);
    }

    [Fact]
    public void Analyze_NoDifference_IsInconclusive()
    {
        var design = Design(10000, [Conversion]);
        var data = DataFor("conversion", Binary("control", "conversion", 10000, 1000), Binary("B", "conversion", 10000, 1010));

        var results = AbTestAnalyzer.Analyze(design, AbTestStatus.Ended, data);

        Assert.Equal(AbVerdict.Inconclusive, results.Verdict);
        Assert.Null(results.Winner);
        Assert.Equal("Inconclusive: no variant differs significantly from control on conversion at the planned sample size.", results.Recommendation);
    }

    [Fact]
    public void Analyze_ControlBetterThanEveryTreatment_SaysKeepControl()
    {
        var design = Design(10000, [Conversion], variants: 3);
        var data = DataFor("conversion",
            Binary("control", "conversion", 10000, 1200), Binary("B", "conversion", 10000, 1000), Binary("C", "conversion", 10000, 1010));

        var results = AbTestAnalyzer.Analyze(design, AbTestStatus.Ended, data);

        Assert.Equal(AbVerdict.Inconclusive, results.Verdict);
        Assert.Equal("Inconclusive: no variant beats control on conversion at the planned sample size; control is better — keep control.", results.Recommendation);
    }

    [Fact]
    public void Analyze_CorrectionSpansTreatmentsAndMetrics()
    {
        var design = Design(1000, [Conversion, LatencyGuardrail], variants: 3);
        var data = DataFor("conversion",
            Binary("control", "conversion", 1000, 100), Binary("B", "conversion", 1000, 130), Binary("C", "conversion", 1000, 90),
            Continuous("control", "latency_ms", 1000, 100, 20), Continuous("B", "latency_ms", 1000, 99, 20), Continuous("C", "latency_ms", 1000, 102, 25));

        var results = AbTestAnalyzer.Analyze(design, AbTestStatus.Running, data);

        Assert.Equal(4, results.Comparisons);
        var rows = results.Metrics.SelectMany(m => m.Variants).Where(v => !v.IsControl).ToList();
        var expected = HolmBonferroni.Adjust(rows.Select(r => r.PValue).ToList());
        Assert.Equal(expected, rows.Select(r => r.PValueAdjusted));
        Assert.All(rows, r => Assert.True(r.PValueAdjusted >= r.PValue));
    }

    [Fact]
    public void Analyze_ControlMeanZero_LeavesRelativeLiftNull()
    {
        var design = Design(10, [Revenue]);
        var data = DataFor("revenue", new AbMetricTotals("control", "revenue", 4, 0, 4), new AbMetricTotals("B", "revenue", 4, 4, 6));

        var results = AbTestAnalyzer.Analyze(design, AbTestStatus.Running, data);

        var b = results.Metrics[0].Variants[1];
        Assert.Null(b.Lift);
        Assert.Null(b.LiftCiLow);
        Assert.Equal(1, b.AbsoluteLift);
        Assert.NotNull(b.PValue);
        AssertAllFinite(results);
    }

    public static TheoryData<string, AbMetric, AbMetricTotals[]> EdgeInputs => new()
    {
        { "one observation each", Revenue, [new("control", "revenue", 1, 5, 25), new("B", "revenue", 1, 6, 36)] },
        { "all zero values", Revenue, [new("control", "revenue", 5, 0, 0), new("B", "revenue", 5, 0, 0)] },
        { "zero variance", Revenue, [new("control", "revenue", 3, 6, 12), new("B", "revenue", 3, 9, 27)] },
        { "control mean zero", Revenue, [new("control", "revenue", 2, 0, 2), new("B", "revenue", 2, 2, 4)] },
        { "treatment only", Revenue, [new("B", "revenue", 10, 10, 20)] },
        { "control only", Conversion, [Binary("control", "conversion", 10, 3)] },
        { "no conversions", Conversion, [Binary("control", "conversion", 10, 0), Binary("B", "conversion", 10, 0)] },
        { "all converted", Conversion, [Binary("control", "conversion", 10, 10), Binary("B", "conversion", 10, 10)] },
        { "one unit each", Conversion, [Binary("control", "conversion", 1, 1), Binary("B", "conversion", 1, 0)] },
        { "rounding below zero variance", Revenue, [new("control", "revenue", 1000, 3300.0000000000005, 10890.000000000002), new("B", "revenue", 1000, 3300, 10890)] },
        { "huge values", Revenue, [Continuous("control", "revenue", 100, 1e150, 1e149), Continuous("B", "revenue", 100, 1.1e150, 1e149)] },
    };

    [Theory]
    [MemberData(nameof(EdgeInputs))]
    public void Analyze_EdgeInputs_ProduceNoNaN(string name, AbMetric metric, AbMetricTotals[] totals)
    {
        var design = Design(2, [metric, LatencyGuardrail]);
        var daily = totals.Select(t => new AbDailyTotals(new DateOnly(2025, 1, 1), t.Variant, t.Metric, t.N, t.Sum, t.SumSquares)).ToList();
        var units = totals.Select(t => new AbDailyUnits(new DateOnly(2025, 1, 1), t.Variant, t.N)).ToList();
        var data = DataFor(metric.Key, totals) with { DailyTotals = daily, DailyUnits = units };

        var results = AbTestAnalyzer.Analyze(design, AbTestStatus.Running, data);

        AssertAllFinite(results);
        Assert.False(string.IsNullOrWhiteSpace(results.Recommendation), name);
    }
}
