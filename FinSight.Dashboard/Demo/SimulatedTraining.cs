namespace FinSight.Dashboard.Demo;

/// <summary>
/// Numbers that look like a real training run: warm-up then cosine learning-rate decay, a training
/// loss that falls with noise, a validation loss that bottoms out and then creeps up (overfitting),
/// accuracy that mirrors it, and a noisy, shrinking gradient norm.
/// </summary>
public sealed class SimulatedTraining(int totalSteps, int seed)
{
    private readonly Random _random = new(seed);
    public const int ValidationEvery = 25;

    public double LearningRate(int step)
    {
        const double peak = 3e-4;
        var warmup = Math.Max(1, totalSteps / 20);
        if (step < warmup) return peak * (step + 1) / warmup;
        var progress = (double)(step - warmup) / Math.Max(1, totalSteps - warmup);
        return 1e-6 + (peak - 1e-6) * 0.5 * (1 + Math.Cos(Math.PI * progress));
    }

    public Dictionary<string, double> Step(int step)
    {
        var t = (double)step / totalSteps;
        var trainLoss = 0.08 + 2.2 * Math.Exp(-5.5 * t) + Noise(0.04 * (1 - 0.6 * t));
        var metrics = new Dictionary<string, double>
        {
            ["train_loss"] = Math.Max(0.01, trainLoss),
            ["learning_rate"] = LearningRate(step),
            ["grad_norm"] = Math.Max(0.05, 4.0 * Math.Exp(-3 * t) + 0.3 + Math.Abs(Noise(0.5))),
            ["epoch"] = Math.Floor(t * 10),
        };
        if (step % ValidationEvery == 0 || step == totalSteps - 1)
        {
            // Bottoms out around 60% of training, then rises: the curve users learn to spot.
            var valLoss = 0.15 + 2.1 * Math.Exp(-5 * t) + 0.25 * Math.Max(0, t - 0.6) * Math.Max(0, t - 0.6) * 10 + Noise(0.02);
            metrics["val_loss"] = Math.Max(0.01, valLoss);
            metrics["val_accuracy"] = Math.Clamp(0.97 - 0.85 * Math.Exp(-4.5 * t) - 0.05 * Math.Max(0, t - 0.6) + Noise(0.005), 0, 1);
        }
        return metrics;
    }

    private double Noise(double scale) => scale * (_random.NextDouble() * 2 - 1);
}
