using FinSight.Core.Analysis;
using FinSight.Core.Analysis.Kpis;
using FinSight.Core.Tracking;
using Xunit;

namespace FinSight.Tests.Core.Analysis.Kpis;

public sealed class KpiStatisticsTests
{
    [Fact]
    public void DurationSummary_OddCount_MiddleValueAndMean()
    {
        // sorted 1, 2, 10 minutes: median 2 min; mean (1 + 2 + 10) / 3 = 13/3 min = 260 s
        var summary = DurationSummary.Of([600_000, 60_000, 120_000])!;

        Assert.Equal(3, summary.Count);
        Assert.Equal(TimeSpan.FromMinutes(2), summary.Median);
        Assert.Equal(TimeSpan.FromSeconds(260), summary.Mean);
    }

    [Fact]
    public void DurationSummary_EvenCount_MeanOfTheTwoMiddleValues()
    {
        // sorted 1 h, 2 h, 3 h, 10 h: median (2 + 3) / 2 = 2.5 h; mean 16 / 4 = 4 h
        var hours = new long[] { 10, 1, 3, 2 }.Select(h => h * 3_600_000);

        var summary = DurationSummary.Of(hours)!;

        Assert.Equal(TimeSpan.FromHours(2.5), summary.Median);
        Assert.Equal(TimeSpan.FromHours(4), summary.Mean);
    }

    [Fact]
    public void DurationSummary_NoneOrNegative_NullOrCountedAsZero()
    {
        Assert.Null(DurationSummary.Of([]));
        // -5 s counts as 0: median of 0 and 10 s = 5 s
        Assert.Equal(TimeSpan.FromSeconds(5), DurationSummary.Of([-5_000, 10_000])!.Median);
    }

    [Fact]
    public void RunOutcomes_SuccessRate_FinishedOverEndedRunningLeftOut()
    {
        // 6 finished, 1 failed, 1 killed, 4 running: 6 / (6 + 1 + 1) = 0.75
        var outcomes = default(RunOutcomes).Add(RunStatus.Finished, 6).Add(RunStatus.Failed, 1).Add(RunStatus.Killed, 1)
            .Add(RunStatus.Running, 3).Add(RunStatus.Scheduled, 1);

        Assert.Equal(0.75, outcomes.SuccessRate);
        Assert.Equal(8, outcomes.Ended);
        Assert.Equal(4, outcomes.Unfinished);
        Assert.Equal(12, outcomes.Total);
    }

    [Fact]
    public void RunOutcomes_NothingEnded_NoSuccessRate()
    {
        Assert.Null(new RunOutcomes(0, 0, 0, 3).SuccessRate);
    }

    [Theory]
    [InlineData("system/gpu/0/utilization", 0)]
    [InlineData("system/gpu/12/memory_used_gb", 12)]
    [InlineData("system/gpu/3", 3)]
    [InlineData("system/gpu/x/utilization", null)]
    [InlineData("system/gpu//utilization", null)]
    [InlineData("system/cpu_percent", null)]
    [InlineData("gpu/0/utilization", null)]
    public void GpuIndex_Key_IndexOrNull(string key, int? index)
    {
        Assert.Equal(index, GpuUsage.GpuIndex(key));
    }

    [Fact]
    public void GpuHours_TwoGpusOverOneAndAHalfHours_Three()
    {
        // keys name GPUs 0 and 1 (system/cpu_percent is not a GPU): 2 GPUs × 1.5 h = 3.0 GPU-hours
        var gpus = GpuUsage.CountGpus(["system/gpu/0/utilization", "system/gpu/0/power_w", "system/gpu/1/utilization", "system/cpu_percent"]);

        Assert.Equal(2, gpus);
        Assert.Equal(3.0, GpuUsage.Hours(gpus, 1_000_000, 1_000_000 + 5_400_000), 12);
    }

    [Fact]
    public void GpuHours_NoGpuOrNoTime_Zero()
    {
        Assert.Equal(0, GpuUsage.Hours(0, 0, 3_600_000));
        Assert.Equal(0, GpuUsage.Hours(4, 5_000, 5_000));
        Assert.Equal(0, GpuUsage.Hours(4, 5_000, 1_000));
    }

    [Fact]
    public void MetricKpi_LowerIsBetter_MinimumAndMeanWithoutNaN()
    {
        // values 0.2, 0.4, 0.6 (NaN left out): best 0.2, average 1.2 / 3 = 0.4
        var kpi = MetricKpi.Of("val_loss", MetricDirection.Minimize, [0.4, double.NaN, 0.2, 0.6]);

        Assert.Equal(3, kpi.Runs);
        Assert.Equal(0.2, kpi.Best);
        Assert.Equal(0.4, kpi.Average!.Value, 12);
    }

    [Fact]
    public void MetricKpi_HigherIsBetterOrEmpty_MaximumOrNulls()
    {
        Assert.Equal(0.9, MetricKpi.Of("accuracy", MetricDirection.Maximize, [0.5, 0.9, 0.7]).Best);
        var empty = MetricKpi.Of("accuracy", MetricDirection.Maximize, [double.NaN]);
        Assert.Equal((0, (double?)null, (double?)null), (empty.Runs, empty.Best, empty.Average));
    }

    [Theory]
    // lower is better: (0.5 − 0.4) / 0.5 = 0.2; worse: (0.5 − 0.6) / 0.5 = −0.2
    [InlineData(0.5, 0.4, MetricDirection.Minimize, 0.2)]
    [InlineData(0.5, 0.6, MetricDirection.Minimize, -0.2)]
    // higher is better: (0.9 − 0.8) / 0.8 = 0.125
    [InlineData(0.8, 0.9, MetricDirection.Maximize, 0.125)]
    // a negative baseline (a P&L): (−5 − (−10)) / |−10| = 0.5
    [InlineData(-10, -5, MetricDirection.Maximize, 0.5)]
    public void Relative_BaselineAndBest_SignedFractionOfTheBaseline(double baseline, double best, MetricDirection direction, double expected)
    {
        Assert.Equal(expected, MetricImprovement.Relative(baseline, best, direction)!.Value, 12);
    }

    [Fact]
    public void Relative_ZeroOrNonFinite_Null()
    {
        Assert.Null(MetricImprovement.Relative(0, 0.1, MetricDirection.Minimize));
        Assert.Null(MetricImprovement.Relative(double.NaN, 0.1, MetricDirection.Minimize));
        Assert.Null(MetricImprovement.Relative(0.5, double.PositiveInfinity, MetricDirection.Maximize));
    }

    [Fact]
    public void Improvement_BestBeforeWindow_ComparedWithIt()
    {
        // best before 0.5; window runs 0.45 and 0.3: (0.5 − 0.3) / 0.5 = 0.4
        var improvement = MetricImprovement.Of(7, 0.5, [new(100, 0.45), new(200, 0.3)], MetricDirection.Minimize)!;

        Assert.Equal(new ExperimentImprovement(7, 0.5, true, 0.3, 0.4), improvement with { Relative = Math.Round(improvement.Relative, 12) });
    }

    [Fact]
    public void Improvement_NoRunBefore_ComparedWithTheFirstRunInTheWindow()
    {
        // the first run (by start time, not input order) has 0.8; the best is 0.2: (0.8 − 0.2) / 0.8 = 0.75
        var improvement = MetricImprovement.Of(3, null, [new(300, 0.2), new(100, 0.8), new(200, double.NaN)], MetricDirection.Minimize)!;

        Assert.False(improvement.BaselineBeforeWindow);
        Assert.Equal(0.8, improvement.Baseline);
        Assert.Equal(0.2, improvement.Best);
        Assert.Equal(0.75, improvement.Relative, 12);
    }

    [Fact]
    public void Improvement_NoValueInTheWindow_Null()
    {
        Assert.Null(MetricImprovement.Of(1, 0.5, [new(100, double.NaN)], MetricDirection.Minimize));
        Assert.Null(MetricImprovement.Of(1, 0.5, [], MetricDirection.Minimize));
    }

    [Fact]
    public void Top_MixedImprovements_LargestFirstWithoutNonImprovers()
    {
        ExperimentImprovement Of(long id, double relative) => new(id, 1, true, 1, relative);

        var top = MetricImprovement.Top([Of(1, 0.1), Of(2, -0.3), Of(3, 0.5), Of(4, 0), Of(5, 0.2), Of(6, 0.05), Of(7, 0.3), Of(8, 0.01)], 5);

        Assert.Equal([3L, 7, 5, 1, 6], top.Select(i => i.ExperimentId));
    }

    [Fact]
    public void DefaultMetric_Keys_ValidationLossThenAnyLossThenFirstKey()
    {
        Assert.Equal("val_loss", KpiMetricChoice.Default(["accuracy", "train_loss", "val_loss", "system/gpu/0/utilization"]));
        Assert.Equal("train_loss", KpiMetricChoice.Default(["accuracy", "train_loss"]));
        Assert.Equal("accuracy", KpiMetricChoice.Default(["system/cpu_percent", "f1", "accuracy"]));
        Assert.Null(KpiMetricChoice.Default(["system/cpu_percent"]));
    }
}
