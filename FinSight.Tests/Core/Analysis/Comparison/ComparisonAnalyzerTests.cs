using FinSight.Core.Analysis;
using FinSight.Core.Analysis.Comparison;
using FinSight.Core.Contracts;
using Xunit;

namespace FinSight.Tests.Core.Analysis.Comparison;

public sealed class ComparisonAnalyzerTests
{
    private static readonly ComparisonMetric ValLoss = new("val_loss", MetricDirection.Minimize);
    private static readonly ComparisonMetric Accuracy = new("accuracy", MetricDirection.Maximize);

    /// <summary>A summary whose latest, min and max are given (count and steps do not matter here).</summary>
    private static MetricSummary Summary(string key, double latest, double min, double max) => new(key, latest, 9, 0, min, max, 10);

    private static ComparisonRun Run(string id, params MetricSummary[] metrics) => new(id, $"run-{id}", metrics);

    private static readonly ComparisonRun[] Runs =
    [
        Run("a", Summary("val_loss", 0.30, 0.20, 1.0), Summary("accuracy", 0.80, 0.50, 0.85)),
        Run("b", Summary("val_loss", 0.25, 0.25, 1.0), Summary("accuracy", 0.90, 0.50, 0.90)),
        Run("c", Summary("val_loss", 0.40, 0.30, 1.0), Summary("accuracy", 0.70, 0.50, 0.80)),
    ];

    [Fact]
    public void Analyze_BestValues_BestPerMetricHonouringDirections()
    {
        var report = ComparisonAnalyzer.Analyze(Runs, [ValLoss, Accuracy]);

        Assert.Equal([0.20, 0.25, 0.30], report.Metrics[0].Values);
        Assert.Equal(["a", "b", "c"], report.Metrics[0].Ranking.Select(e => e.Item));
        Assert.Equal(["b", "a", "c"], report.Metrics[1].Ranking.Select(e => e.Item));
        Assert.Equal(["a"], report.BestRuns[0].RunIds);
        Assert.Equal(0.20, report.BestRuns[0].Value);
        Assert.Equal(["b"], report.BestRuns[1].RunIds);
        Assert.Equal("run-a has the best val_loss (0.2, lower is better).", report.Findings[0].Sentence);
        Assert.Equal("run-b has the best accuracy (0.9, higher is better).", report.Findings[1].Sentence);
        Assert.Equal(["a"], report.Findings[0].RunIds);
    }

    [Fact]
    public void Analyze_LastValues_BestByTheLastValue()
    {
        var report = ComparisonAnalyzer.Analyze(Runs, [ValLoss with { Aggregate = MetricAggregate.Last }]);

        Assert.Equal(["b"], report.BestRuns[0].RunIds);
        Assert.Equal("run-b has the best final val_loss (0.25, lower is better).", report.Findings[0].Sentence);
    }

    [Fact]
    public void Analyze_Tie_BothRunsShareTheBest()
    {
        ComparisonRun[] runs = [Run("a", Summary("f1", 0.9, 0.1, 0.9)), Run("b", Summary("f1", 0.5, 0.1, 0.9)), Run("c")];

        var report = ComparisonAnalyzer.Analyze(runs, [new ComparisonMetric("f1", MetricDirection.Maximize)]);

        Assert.Equal(["a", "b"], report.BestRuns[0].RunIds);
        Assert.Equal("run-a and run-b share the best f1 (0.9, higher is better).", report.Findings[0].Sentence);
        Assert.Equal([null, new FindingPart(" and "), null], report.Findings[0].Parts.Take(3).Select(p => p.RunId is null ? p : null));
        Assert.Null(report.Metrics[0].Values[2]);
        Assert.Null(report.Pareto);
        Assert.Empty(report.DominatedRuns);
    }

    [Fact]
    public void Analyze_TwoMetrics_ParetoFrontAndDominatedRunWithSentences()
    {
        var report = ComparisonAnalyzer.Analyze(Runs, [ValLoss, Accuracy]);

        // a (0.20, 0.85) and b (0.25, 0.90) trade off; c (0.30, 0.80) is worse than both on both.
        Assert.NotNull(report.Pareto);
        Assert.Equal(["a", "b"], report.Pareto.Front.Select(p => p.RunId));
        var dominated = Assert.Single(report.DominatedRuns);
        Assert.Equal("c", dominated.RunId);
        Assert.Equal(["a", "b"], dominated.DominatedBy);
        Assert.Equal([FindingKind.BestRun, FindingKind.BestRun, FindingKind.ParetoFront, FindingKind.Dominated], report.Findings.Select(f => f.Kind));
        Assert.StartsWith("run-a and run-b form the Pareto front on val_loss (lower is better) and accuracy (higher is better)", report.Findings[2].Sentence);
        Assert.Equal(
            "run-c is dominated by run-a: it is at least as good on every chosen metric (val_loss, accuracy) and better on val_loss, accuracy (one other run dominates it too).",
            report.Findings[3].Sentence);
        Assert.Equal(["c", "a"], report.Findings[3].RunIds);
    }

    [Fact]
    public void Analyze_ParetoMetricsChosen_FrontOverThoseAndExclusionsReported()
    {
        var epochs = new ComparisonMetric("epochs", MetricDirection.Minimize);
        ComparisonRun[] runs = [.. Runs, Run("d", Summary("val_loss", 0.1, 0.1, 0.1))];

        var report = ComparisonAnalyzer.Analyze(runs, [epochs, ValLoss, Accuracy], options: new ComparisonOptions { ParetoX = "accuracy", ParetoY = "val_loss" });

        Assert.Equal("accuracy", report.Pareto!.X.Key);
        Assert.Equal("val_loss", report.Pareto.Y.Key);
        Assert.Equal(["d"], report.Pareto.Excluded.Select(e => e.RunId));
        Assert.Contains(report.Findings, f => f.Kind == FindingKind.ParetoExcluded && f.Sentence == "run-d is left out of the Pareto front: it has no finite value of accuracy.");
        // No run has every metric (epochs is nobody's): none can be compared on all, so none is dominated.
        Assert.Empty(report.DominatedRuns);
    }

    [Fact]
    public void Analyze_ParetoMetricNotChosen_Refused()
    {
        Assert.Throws<ArgumentException>(() => ComparisonAnalyzer.Analyze(Runs, [ValLoss, Accuracy], options: new ComparisonOptions { ParetoX = "f1" }));
    }

    [Fact]
    public void Analyze_LossCurves_OverfittingRunNamedWithItsStep()
    {
        var pair = new LossPair("train_loss", "val_loss");
        var train = Enumerable.Range(0, 100).Select(s => new MetricPointOutput(s, s, 1.0 / (s + 1))).ToList();
        var overfit = Enumerable.Range(0, 100).Select(s => new MetricPointOutput(s, s, s <= 40 ? 1.0 - s * 0.015 : 0.4 + (s - 40) * 0.01)).ToList();
        var healthy = Enumerable.Range(0, 100).Select(s => new MetricPointOutput(s, s, 1.2 / (s + 1) + 0.1)).ToList();

        var report = ComparisonAnalyzer.Analyze(Runs, [ValLoss], [new LossCurves("a", pair, train, overfit), new LossCurves("b", pair, train, healthy)]);

        var finding = Assert.Single(report.Overfitting);
        Assert.Equal("a", finding.RunId);
        Assert.InRange(finding.Signal.MinimumStep, 38, 42);
        var sentence = report.Findings.Single(f => f.Kind == FindingKind.Overfitting).Sentence;
        Assert.StartsWith($"run-a overfits from step {finding.Signal.MinimumStep}: val_loss was lowest there", sentence);
        Assert.Contains("while train_loss kept falling", sentence);
    }

    [Fact]
    public void Analyze_CurvesOfAnUnknownRun_Refused()
    {
        var curves = new LossCurves("zz", new LossPair("loss", "val_loss"), [], []);

        Assert.Throws<ArgumentException>(() => ComparisonAnalyzer.Analyze(Runs, [ValLoss], [curves]));
    }
}
