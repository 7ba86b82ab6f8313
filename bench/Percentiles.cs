namespace FinSight.Bench;

/// <summary>Nearest-rank percentiles, the same rule the ingestion benchmark reports with.</summary>
public static class Percentiles
{
    /// <summary><paramref name="sorted"/> must be in ascending order.</summary>
    public static double Of(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[(int)Math.Clamp(Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
