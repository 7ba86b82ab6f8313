using FinSight.Core.Contracts;

namespace FinSight.Core.Analysis.Comparison;

/// <summary>
/// Spots overfitting on a pair of loss curves: validation loss that reached a minimum and then rose, and kept
/// risen, while training loss went on falling. Deterministic, and robust to noise and to downsampled histories:
/// <list type="number">
/// <item>Each curve keeps its finite values, ordered by step (values logged at the same step are averaged),
/// and is smoothed with a centred moving average (<see cref="OverfittingOptions.SmoothingFraction"/>).</item>
/// <item>The smoothed validation minimum is where overfitting began. After it, the smoothed curve must cross
/// <c>minimum + MinRelativeRise·|minimum|</c> and what noise could explain (<see cref="OverfittingOptions.NoiseMultiple"/>; the rise step), never fall back below half that rise, end above
/// the threshold, and the span from the rise step to the end must cover <see cref="OverfittingOptions.MinRiseFraction"/>
/// of the points (and <see cref="OverfittingOptions.MinRisePoints"/>): a spike or a noisy plateau is not a rise.</item>
/// <item>Over the same steps the smoothed training loss must have fallen (its value at the last validation step
/// lower than at the minimum's step).</item>
/// </list>
/// </summary>
public static class OverfittingDetector
{
    /// <summary>The overfitting signal of these curves, or null when they show none (or have too few points to tell).</summary>
    public static OverfittingSignal? Detect(IReadOnlyList<MetricPointOutput> train, IReadOnlyList<MetricPointOutput> validation, OverfittingOptions? options = null)
    {
        options ??= new OverfittingOptions();
        var (valSteps, valValues) = Clean(validation);
        var (trainSteps, trainValues) = Clean(train);
        var n = valSteps.Length;
        if (n < Math.Max(options.MinPoints, 2) || trainSteps.Length < 2) return null;

        var halfWidth = HalfWidth(n, options);
        var val = RollingMean.Centered(valValues, halfWidth);
        var minimum = 0;
        for (var i = 1; i < n; i++)
        {
            if (val[i] < val[minimum]) minimum = i;
        }
        var scale = Math.Abs(val[minimum]);
        // A loss that bottoms out at zero has no relative scale: measure the rise against the curve's range instead.
        if (scale < 1e-12) scale = val.Max() - val[minimum];
        if (!(scale > 0)) return null;
        // On a noisy curve the smoothed minimum is itself a dip of the noise: the rise must also clear what noise
        // left in the smoothed curve (its spread at the ends, where the window is shortest).
        var needed = Math.Max(options.MinRelativeRise * scale, options.NoiseMultiple * NoiseSpread(valValues, val) / Math.Sqrt(halfWidth + 1));
        var threshold = val[minimum] + needed;
        var floor = val[minimum] + needed / 2;

        var rise = -1;
        for (var i = minimum + 1; i < n && rise < 0; i++)
        {
            if (val[i] >= threshold) rise = i;
        }
        if (rise < 0 || val[n - 1] < threshold) return null;
        var span = n - rise;
        if (span < options.MinRisePoints || span < options.MinRiseFraction * n) return null;
        for (var i = rise; i < n; i++)
        {
            if (val[i] < floor) return null;
        }

        var trainSmooth = RollingMean.Centered(trainValues, HalfWidth(trainSteps.Length, options));
        var atMinimum = Array.FindIndex(trainSteps, s => s >= valSteps[minimum]);
        var atEnd = Array.FindLastIndex(trainSteps, s => s <= valSteps[n - 1]);
        if (atMinimum < 0 || atEnd <= atMinimum || !(trainSmooth[atEnd] < trainSmooth[atMinimum])) return null;

        return new OverfittingSignal(
            valSteps[minimum], valSteps[rise], valSteps[n - 1], val[minimum], val[n - 1], (val[n - 1] - val[minimum]) / scale,
            trainSmooth[atMinimum], trainSmooth[atEnd]);
    }

    /// <summary>The spread of the values about their smoothed curve: a standard deviation estimated from the median absolute deviation, so outliers do not inflate it.</summary>
    private static double NoiseSpread(double[] values, double[] smoothed)
    {
        var residuals = values.Select((v, i) => v - smoothed[i]).ToArray();
        var median = Median(residuals);
        return 1.4826 * Median(residuals.Select(r => Math.Abs(r - median)).ToArray());
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static int HalfWidth(int count, OverfittingOptions options) => Math.Max(1, (int)Math.Round(count * options.SmoothingFraction));

    /// <summary>Finite values ordered by step; the values of one step averaged, so each step counts once.</summary>
    private static (long[] Steps, double[] Values) Clean(IReadOnlyList<MetricPointOutput> points)
    {
        var byStep = points.Where(p => double.IsFinite(p.Value))
            .GroupBy(p => p.Step)
            .OrderBy(g => g.Key)
            .Select(g => (Step: g.Key, Value: g.Average(p => p.Value)))
            .ToList();
        return (byStep.Select(p => p.Step).ToArray(), byStep.Select(p => p.Value).ToArray());
    }
}
