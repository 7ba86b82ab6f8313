using FinSight.Core.Analysis.Comparison;
using FinSight.Core.Contracts;
using Xunit;

namespace FinSight.Tests.Core.Analysis.Comparison;

public sealed class OverfittingDetectorTests
{
    private const int Steps = 200;

    /// <summary>Training loss falls all along: 2·e^(−step/40) + 0.05.</summary>
    private static double Train(int step) => 2 * Math.Exp(-step / 40.0) + 0.05;

    private static List<MetricPointOutput> Curve(Func<int, double> value, int steps = Steps, double noise = 0, int seed = 1)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, steps)
            .Select(s => new MetricPointOutput(s, 1_000L * s, value(s) + noise * Gaussian(random)))
            .ToList();
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Validation loss falls to 0.4 at step <paramref name="turn"/>, then rises linearly by 0.004 a step (0.4 at step 200 past the turn).</summary>
    private static Func<int, double> FallsThenRises(int turn) => s =>
        s <= turn ? 0.4 + 1.6 * (turn - s) / turn * (turn - s) / turn : 0.4 + 0.004 * (s - turn);

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public void Detect_ValidationRisesFromStepNWhileTrainFalls_BeganNearN(int turn)
    {
        var signal = OverfittingDetector.Detect(Curve(Train), Curve(FallsThenRises(turn)));

        Assert.NotNull(signal);
        Assert.InRange(signal.MinimumStep, turn - 5, turn + 5);
        // 5% above a minimum of about 0.4 is 0.02, reached 5 steps past the turn (0.004 a step).
        Assert.InRange(signal.RiseStep, turn + 1, turn + 12);
        Assert.Equal(Steps - 1, signal.LastStep);
        Assert.True(signal.RelativeRise > 0.5, $"rise {signal.RelativeRise}");
        Assert.True(signal.TrainLast < signal.TrainAtMinimum);
    }

    [Fact]
    public void Detect_NoisyOverfitting_StillFoundNearTheTurn()
    {
        var signal = OverfittingDetector.Detect(Curve(Train, noise: 0.02, seed: 3), Curve(FallsThenRises(100), noise: 0.03, seed: 4));

        Assert.NotNull(signal);
        Assert.InRange(signal.MinimumStep, 90, 110);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Detect_NoisyButStillFallingThenFlat_NotDetected(int seed)
    {
        // Validation flattens at 0.3 with noise of sd 0.03 (10% of the level): noise, not a rise.
        var validation = Curve(s => 0.3 + 0.9 * Math.Exp(-s / 30.0), noise: 0.03, seed: seed);

        Assert.Null(OverfittingDetector.Detect(Curve(Train, noise: 0.02, seed: seed + 100), validation));
    }

    [Fact]
    public void Detect_BothFalling_NotDetected()
    {
        Assert.Null(OverfittingDetector.Detect(Curve(Train), Curve(s => 1.5 * Math.Exp(-s / 60.0) + 0.2)));
    }

    [Fact]
    public void Detect_ValidationRisesButTrainRisesToo_NotDetected()
    {
        // Both curves turn up together: the run diverges (learning rate too high), it does not overfit.
        Assert.Null(OverfittingDetector.Detect(Curve(FallsThenRises(100)), Curve(FallsThenRises(100))));
    }

    [Fact]
    public void Detect_SingleSpikeAtTheEnd_NotDetected()
    {
        var validation = Curve(s => s == Steps - 1 ? 5.0 : 1.5 * Math.Exp(-s / 60.0) + 0.2);

        Assert.Null(OverfittingDetector.Detect(Curve(Train), validation));
    }

    [Fact]
    public void Detect_TooFewPoints_NotJudged()
    {
        Assert.Null(OverfittingDetector.Detect(Curve(Train, steps: 5), Curve(FallsThenRises(2), steps: 5)));
    }

    [Fact]
    public void Detect_NaNsUnorderedAndDuplicatedSteps_Ignored()
    {
        var validation = Curve(FallsThenRises(100));
        validation.Add(new MetricPointOutput(150, 0, double.NaN));
        validation.Add(new MetricPointOutput(40, 0, double.PositiveInfinity));
        validation.Reverse();

        var signal = OverfittingDetector.Detect(Curve(Train), validation);

        Assert.NotNull(signal);
        Assert.InRange(signal.MinimumStep, 95, 105);
    }

    [Fact]
    public void Detect_DownsampledEveryOtherStepAndSparserTrain_FoundNearTheTurn()
    {
        // Histories read with maxPoints come thinned, and train and validation are often logged at different steps.
        var validation = Curve(FallsThenRises(100)).Where(p => p.Step % 5 == 0).ToList();
        var train = Curve(Train).Where(p => p.Step % 2 == 1).ToList();

        var signal = OverfittingDetector.Detect(train, validation);

        Assert.NotNull(signal);
        Assert.InRange(signal.MinimumStep, 95, 105);
    }
}
