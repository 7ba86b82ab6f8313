namespace FinSight.Dashboard.Data.Entities;

/// <summary>
/// One (run, metric key) series, interned to an integer id, with its summary. SQLite stores NaN as
/// NULL, and a series row exists only once it has a point, so a NULL value here means NaN.
/// </summary>
public sealed class MetricSeriesEntity
{
    public long Id { get; set; }
    public required string RunId { get; set; }
    public required string Key { get; set; }
    public long PointCount { get; set; }
    public double? LatestValue { get; set; }
    public long LatestStep { get; set; }
    public long LatestTimestamp { get; set; }
    /// <summary>Minimum over non-NaN values; NULL when every value was NaN.</summary>
    public double? MinValue { get; set; }
    public double? MaxValue { get; set; }
}
