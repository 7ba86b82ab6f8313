namespace FinSight.Core.Analysis;

/// <summary>
/// TensorBoard's debiased exponential moving average, the smoothing researchers already read loss curves
/// with: <c>ema = w·ema + (1−w)·value</c>, divided by <c>1 − wⁿ</c> so the curve starts at the data rather
/// than at zero. NaN and infinite values are passed through and do not disturb the average.
/// </summary>
public sealed class ExponentialSmoothing
{
    private readonly double _weight;
    private double _average;
    private int _count;

    /// <summary>Creates a smoother; <paramref name="weight"/> is in [0, 1): 0 is no smoothing, 0.99 very smooth.</summary>
    public ExponentialSmoothing(double weight)
    {
        if (double.IsNaN(weight) || weight < 0 || weight >= 1)
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "The smoothing weight must be at least 0 and less than 1.");
        _weight = weight;
    }

    /// <summary>The smoothed value after <paramref name="value"/>.</summary>
    public double Next(double value)
    {
        if (!double.IsFinite(value)) return value;
        _count++;
        _average = _weight * _average + (1 - _weight) * value;
        var debias = 1 - Math.Pow(_weight, _count);
        return debias == 0 ? value : _average / debias;
    }

    /// <summary>Smooths a whole series in order.</summary>
    public static double[] Smooth(IReadOnlyList<double> values, double weight)
    {
        var smoother = new ExponentialSmoothing(weight);
        var result = new double[values.Count];
        for (var i = 0; i < values.Count; i++) result[i] = smoother.Next(values[i]);
        return result;
    }
}
