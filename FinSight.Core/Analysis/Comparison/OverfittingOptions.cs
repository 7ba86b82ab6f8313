namespace FinSight.Core.Analysis.Comparison;

/// <summary>How sure <see cref="OverfittingDetector"/> must be before it calls a run overfitted; the defaults suit typical loss curves.</summary>
public sealed record OverfittingOptions
{
    /// <summary>
    /// How far the smoothed validation loss must rise above its minimum, as a fraction of the minimum's
    /// magnitude (0.05: 5% above it), and stay risen; noise rarely moves a smoothed curve that far for long.
    /// </summary>
    public double MinRelativeRise { get; init; } = 0.05;

    /// <summary>
    /// The rise must also be at least this many standard deviations of the noise left in the smoothed curve
    /// (the raw values' spread about it, estimated robustly, over the square root of the shortest window).
    /// </summary>
    public double NoiseMultiple { get; init; } = 4;

    /// <summary>
    /// Half-width of the centred moving average, as a fraction of the number of points (0.05: each point is
    /// averaged with the 5% of points on either side, at least one). Centred, so the minimum is not shifted late.
    /// </summary>
    public double SmoothingFraction { get; init; } = 0.05;

    /// <summary>The rise must span at least this fraction of the validation points (0.1: the last tenth of the curve or more).</summary>
    public double MinRiseFraction { get; init; } = 0.1;

    /// <summary>The rise must span at least this many validation points, however few points there are.</summary>
    public int MinRisePoints { get; init; } = 3;

    /// <summary>Curves with fewer validation points (finite values at distinct steps) are not judged.</summary>
    public int MinPoints { get; init; } = 8;
}
