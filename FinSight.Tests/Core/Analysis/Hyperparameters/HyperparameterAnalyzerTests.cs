using System.Diagnostics;
using System.Globalization;
using FinSight.Core.Analysis;
using FinSight.Core.Analysis.Hyperparameters;
using Xunit;

namespace FinSight.Tests.Core.Analysis.Hyperparameters;

public sealed class HyperparameterAnalyzerTests(ITestOutputHelper output)
{
    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static HyperparameterRun Run(int index, double? target, params (string Key, string Value)[] parameters) =>
        new($"run{index:D3}", $"trial-{index}", parameters.ToDictionary(p => p.Key, p => p.Value), target);

    /// <summary>
    /// Seeded synthetic runs: val_loss = 4·driver + 1.5·weak + N(0, 0.3²), noise unused; a categorical optimizer
    /// (adam 1.0 lower than sgd) when asked, and a constant seed.
    /// </summary>
    private static List<HyperparameterRun> Synthetic(int count, bool withOptimizer = false, int seed = 7)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            double driver = random.NextDouble(), weak = random.NextDouble(), noise = random.NextDouble();
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var optimizer = random.NextDouble() < 0.5 ? "adam" : "sgd";
            var target = 4 * driver + 1.5 * weak + 0.3 * gaussian + (withOptimizer && optimizer == "sgd" ? 1.0 : 0);
            var parameters = new List<(string, string)> { ("driver", Text(driver)), ("weak", Text(weak)), ("noise", Text(noise)), ("seed", "42") };
            if (withOptimizer) parameters.Add(("optimizer", optimizer));
            return Run(i, target, parameters.ToArray());
        }).ToList();
    }

    private static ParameterAnalysis Param(HyperparameterAnalysis analysis, string name) => analysis.Parameters.Single(p => p.Name == name);

    [Fact]
    public void Analyze_DriverWeakNoise_RankedByCorrelationAndByPermutationImportance()
    {
        var analysis = HyperparameterAnalyzer.Analyze("val_loss", MetricDirection.Minimize, MetricAggregate.Best, Synthetic(200));

        ParameterAnalysis driver = Param(analysis, "driver"), weak = Param(analysis, "weak"), noise = Param(analysis, "noise");
        foreach (var p in analysis.Parameters) output.WriteLine($"{p.Name}: r {p.Correlation:0.000} ρ {p.Spearman:0.000} importance {p.Importance:0.0000} share {p.ImportanceShare:0.000}");
        Assert.True(Math.Abs(driver.Correlation!.Value) > Math.Abs(weak.Correlation!.Value));
        Assert.True(Math.Abs(weak.Correlation!.Value) > Math.Abs(noise.Correlation!.Value));
        Assert.True(Math.Abs(driver.Spearman!.Value) > Math.Abs(weak.Spearman!.Value));
        Assert.True(Math.Abs(weak.Spearman!.Value) > Math.Abs(noise.Spearman!.Value));
        Assert.True(driver.Importance > weak.Importance, $"driver {driver.Importance} vs weak {weak.Importance}");
        Assert.True(weak.Importance > noise.Importance, $"weak {weak.Importance} vs noise {noise.Importance}");
        Assert.True(driver.CorrelationPValue < 1e-6);
        Assert.Equal(ParameterEffect.Clear, driver.Effect);
        Assert.Equal(ParameterEffect.Clear, weak.Effect);
        Assert.Equal(ParameterEffect.None, noise.Effect);
        Assert.Equal(["driver", "weak", "noise", "seed"], analysis.Parameters.Select(p => p.Name));
        Assert.Equal(1, analysis.Parameters.Where(p => p.ImportanceShare is not null).Sum(p => p.ImportanceShare!.Value), 9);
        // The best 10% (20 runs) of a loss driven up by "driver" sit at its low end.
        Assert.Equal(20, analysis.BestRuns);
        Assert.True(driver.OptimalMax < 0.5, $"optimal max {driver.OptimalMax}");
    }

    [Fact]
    public void Analyze_SameRunsTwice_SameImportances()
    {
        var runs = Synthetic(60);

        var first = HyperparameterAnalyzer.Analyze("val_loss", MetricDirection.Minimize, MetricAggregate.Best, runs);
        var second = HyperparameterAnalyzer.Analyze("val_loss", MetricDirection.Minimize, MetricAggregate.Best, runs);

        Assert.Equal(first.Parameters.Select(p => p.Importance), second.Parameters.Select(p => p.Importance));
    }

    [Fact]
    public void Analyze_TwoHundredRunsFiveParams_FastEnoughForAPage()
    {
        var runs = Synthetic(200, withOptimizer: true);
        HyperparameterAnalyzer.Analyze("val_loss", MetricDirection.Minimize, MetricAggregate.Best, runs.Take(20).ToList()); // ML.NET's first use loads and JITs

        var clock = Stopwatch.StartNew();
        HyperparameterAnalyzer.Analyze("val_loss", MetricDirection.Minimize, MetricAggregate.Best, runs);
        clock.Stop();

        output.WriteLine($"200 runs × 5 params: {clock.ElapsedMilliseconds} ms");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Analyze_CategoricalParam_OneHotImportanceNoCorrelationAndBestValues()
    {
        var analysis = HyperparameterAnalyzer.Analyze("val_loss", MetricDirection.Minimize, MetricAggregate.Best, Synthetic(200, withOptimizer: true));

        var optimizer = Param(analysis, "optimizer");
        Assert.Equal(ParameterKind.Categorical, optimizer.Kind);
        Assert.Null(optimizer.Correlation);
        Assert.Null(optimizer.Spearman);
        Assert.True(optimizer.CorrelationRatio > 0.3, $"η {optimizer.CorrelationRatio}");
        Assert.True(optimizer.CorrelationRatioPValue < 1e-6);
        Assert.True(optimizer.Importance > Param(analysis, "noise").Importance, $"optimizer {optimizer.Importance}");
        Assert.Equal(ParameterEffect.Clear, optimizer.Effect);
        Assert.Equal("adam", optimizer.Values![0]);
        Assert.Equal("adam", optimizer.BestValueCounts![0].Value);
        Assert.Equal(optimizer.BestValueCounts.Sum(v => v.Count), analysis.BestRuns);
        Assert.Contains($"optimizer = adam in {optimizer.BestValueCounts[0].Count} of the 20 best runs", string.Join("\n", analysis.Recommendations));
    }

    [Fact]
    public void Analyze_FixedSet_OptimalRangeIsTheBestTenPercent()
    {
        // 20 runs; the two lowest losses used 1e-4 and 3e-4, everything else 1e-2 or more.
        string[] rates = ["1e-4", "3e-4", "1e-2", "2e-2", "3e-2", "4e-2", "5e-2", "6e-2", "7e-2", "8e-2",
                          "9e-2", "0.1", "0.11", "0.12", "0.13", "0.14", "0.15", "0.16", "0.17", "0.18"];
        var runs = rates.Select((rate, i) => Run(i, 0.1 + i * 0.05, ("learning_rate", rate), ("batch_size", i % 2 == 0 ? "32" : "64"))).ToList();

        var analysis = HyperparameterAnalyzer.Analyze("val_loss", MetricDirection.Minimize, MetricAggregate.Last, runs);

        var lr = Param(analysis, "learning_rate");
        Assert.Equal(2, analysis.BestRuns);
        Assert.Equal(["run000", "run001"], analysis.BestRunIds);
        Assert.Equal((0.0001, 0.0003), (lr.OptimalMin!.Value, lr.OptimalMax!.Value));
        Assert.Equal("1e-4 – 3e-4", lr.OptimalRange);
        Assert.Equal(1, lr.Spearman!.Value, 12);
        var batch = Param(analysis, "batch_size");
        Assert.Equal(ParameterKind.Numeric, batch.Kind);
        Assert.Equal((32.0, 64.0), (batch.OptimalMin!.Value, batch.OptimalMax!.Value));
        Assert.Equal("Best of 20 runs by last val_loss (lower is better): trial-0 with 0.1.", analysis.Recommendations[0]);
        Assert.StartsWith("learning_rate between 1e-4 and 3e-4 in all of the 2 best runs; lower learning_rate tends to give better val_loss (Spearman ρ = 1.00, p < 0.001).",
            analysis.Recommendations[1]);
        Assert.Contains(analysis.Recommendations, r => r.StartsWith("batch_size shows no clear effect (r = ", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_DirectionMaxVersusMin_BestRunsAndAdviceFlip()
    {
        var runs = Enumerable.Range(1, 20).Select(i => Run(i, i, ("depth", i.ToString(CultureInfo.InvariantCulture)))).ToList();

        var lower = HyperparameterAnalyzer.Analyze("score", MetricDirection.Minimize, MetricAggregate.Best, runs);
        var higher = HyperparameterAnalyzer.Analyze("score", MetricDirection.Maximize, MetricAggregate.Best, runs);

        Assert.Equal("min", lower.Mode);
        Assert.Equal("max", higher.Mode);
        Assert.Equal((1.0, 2.0), (Param(lower, "depth").OptimalMin!.Value, Param(lower, "depth").OptimalMax!.Value));
        Assert.Equal((19.0, 20.0), (Param(higher, "depth").OptimalMin!.Value, Param(higher, "depth").OptimalMax!.Value));
        Assert.Contains("lower depth tends to give better score", lower.Recommendations[1]);
        Assert.Contains("higher depth tends to give better score", higher.Recommendations[1]);
        Assert.Equal("Best of 20 runs by best score (higher is better): trial-20 with 20.", higher.Recommendations[0]);
    }

    [Fact]
    public void Analyze_OptimumInsideTheValuesTried_SaysBothWaysDidWorseNotATrend()
    {
        // A learning-rate sweep over six decades whose loss is (log10(lr / 3e-4))²: best at 3e-4, in the middle. Over the
        // grid the rank correlation is still clearly positive (the far low end is tried more), which must not become
        // "lower learning_rate tends to give better val_loss".
        double[] grid = [1e-6, 1e-6, 3e-6, 3e-6, 1e-5, 1e-5, 3e-5, 1e-4, 3e-4, 3e-4, 1e-3, 3e-3];
        var runs = grid.Select((lr, i) => Run(i, Math.Pow(Math.Log10(lr / 3e-4), 2) + i * 1e-6, ("learning_rate", lr.ToString("0e0", CultureInfo.InvariantCulture)))).ToList();

        var analysis = HyperparameterAnalyzer.Analyze("val_loss", MetricDirection.Minimize, MetricAggregate.Best, runs);

        var line = Assert.Single(analysis.Recommendations, r => r.StartsWith("learning_rate", StringComparison.Ordinal));
        Assert.Equal(ParameterEffect.Clear, Param(analysis, "learning_rate").Effect);
        Assert.StartsWith("learning_rate = 3e-4 in all of the 2 best runs, inside the values tried (1e-6 to 3e-3): both lower and higher values did worse", line);
        Assert.DoesNotContain("tends to give", line);
    }

    [Fact]
    public void Analyze_BestRunsSpreadOverMostOfTheRange_NoClaimThatBothEndsDidWorse()
    {
        // dropout 0.00–0.50 over 12 runs; the three runs with lr = 1e-4 are far better than the rest, and the two best of
        // them happen to have dropout 0.10 and 0.40: inside the range tried, but over 60% of it, which says nothing about
        // either end (without the narrowness rule this read "both lower and higher values did worse").
        double[] dropouts = [0.0, 0.1, 0.4, 0.2, 0.3, 0.5, 0.05, 0.15, 0.25, 0.35, 0.45, 0.5];
        var runs = dropouts.Select((d, i) => Run(i, i switch { 1 => 0.0, 2 => 0.1, 0 => 0.2, _ => 1 + 0.01 * i },
            ("lr", i is 0 or 1 or 2 ? "1e-4" : "1e-3"), ("dropout", d.ToString(CultureInfo.InvariantCulture)))).ToList();

        var analysis = HyperparameterAnalyzer.Analyze("val_loss", MetricDirection.Minimize, MetricAggregate.Best, runs);

        var line = analysis.Recommendations.SingleOrDefault(r => r.StartsWith("dropout", StringComparison.Ordinal));
        Assert.NotNull(line);
        output.WriteLine(line);
        Assert.DoesNotContain("both lower and higher", line);
    }

    [Fact]
    public void Analyze_TooFewUsableRuns_SaysHowManyMoreAndNoNumbers()
    {
        var runs = Enumerable.Range(0, 7).Select(i => Run(i, i, ("lr", Text(i * 0.1)))).ToList();
        runs.Add(Run(7, null, ("lr", "0.7")));
        runs.Add(Run(8, double.NaN, ("lr", "0.8")));

        var analysis = HyperparameterAnalyzer.Analyze("val_loss", MetricDirection.Minimize, MetricAggregate.Best, runs);

        Assert.Equal(7, analysis.Runs);
        Assert.Equal(2, analysis.ExcludedRuns);
        Assert.Equal(3, analysis.MoreRunsNeeded);
        Assert.Equal("Hyperparameter analysis needs at least 10 finished runs with a value of val_loss; this experiment has 7, so 3 more are needed. " +
                     "2 finished runs were left out: no val_loss, or a NaN or infinite value.", analysis.Message);
        Assert.Empty(analysis.Parameters);
        Assert.Empty(analysis.Recommendations);
    }

    [Fact]
    public void Analyze_ConfiguredMinimum_Honoured()
    {
        // Three runs, the least the configuration allows: too few for the forest to split, not too few to answer.
        var runs = Enumerable.Range(0, 3).Select(i => Run(i, i, ("lr", Text(i * 0.1)), ("optimizer", i == 0 ? "adam" : "sgd"))).ToList();

        var analysis = HyperparameterAnalyzer.Analyze("val_loss", MetricDirection.Minimize, MetricAggregate.Best, runs, new HyperparameterSettings { MinRuns = 3 });

        Assert.Null(analysis.MoreRunsNeeded);
        Assert.Null(analysis.Message);
        Assert.Equal(1, analysis.BestRuns);
        Assert.Equal(2, analysis.Parameters.Count);
        Assert.Equal(1, Param(analysis, "lr").Spearman!.Value, 12);
        Assert.All(analysis.Parameters, p => Assert.True(p.Importance >= 0));
    }

    [Fact]
    public void Analyze_ConstantAndMissingParams_ReportedConstantOrCategorical()
    {
        var runs = Enumerable.Range(0, 12).Select(i => Run(i, i,
            ("lr", Text(0.01 * (i + 1))), ("epochs", "10"), ("same", i % 2 == 0 ? "0.001" : "1e-3"),
            ("warmup", i < 6 ? "100" : "100"))).ToList();
        runs.Add(Run(12, 12, ("lr", "0.13"), ("same", "0.001")));

        var analysis = HyperparameterAnalyzer.Analyze("val_loss", MetricDirection.Minimize, MetricAggregate.Best, runs);

        var epochs = Param(analysis, "epochs");
        // One run without "epochs": present-or-not is the one thing that varies, a category of its own.
        Assert.Equal(ParameterKind.Categorical, epochs.Kind);
        Assert.NotEqual(ParameterEffect.Constant, epochs.Effect);
        var same = Param(analysis, "same");
        Assert.Equal(ParameterEffect.Constant, same.Effect);
        Assert.Null(same.Importance);
        Assert.Equal("Never varied, so not analysed: same = 0.001. Vary it to learn its effect.", analysis.Recommendations[^1]);
        Assert.Equal(ParameterEffect.Constant, analysis.Parameters[^1].Effect);
    }

    [Fact]
    public void Analyze_TargetNeverVaries_MessageAndNoStatistics()
    {
        var runs = Enumerable.Range(0, 10).Select(i => Run(i, 0.5, ("lr", Text(i * 0.1)))).ToList();

        var analysis = HyperparameterAnalyzer.Analyze("val_loss", MetricDirection.Minimize, MetricAggregate.Best, runs);

        Assert.Equal("Every usable run has the same val_loss (0.5): there is nothing for the params to explain.", analysis.Message);
        Assert.Null(Param(analysis, "lr").Correlation);
        Assert.Null(Param(analysis, "lr").Importance);
        Assert.Empty(analysis.Recommendations);
    }
}
