using FinSight.Core.Storage;

namespace FinSight.Dashboard.Ingestion;

/// <summary>
/// The writer's running summary of one series: count, latest point (greatest step, then timestamp,
/// later arrival winning ties, as MLflow picks the latest), and min/max over non-NaN values.
/// </summary>
public sealed class SeriesSummary(long id, string runId, string key)
{
    public long Id { get; } = id;
    public string RunId { get; } = runId;
    public string Key { get; } = key;
    public long Count { get; set; }
    public MetricPoint Latest { get; set; }
    public double Min { get; set; } = double.NaN;
    public double Max { get; set; } = double.NaN;

    public void Add(MetricPoint point)
    {
        if (Count == 0 || point.Step > Latest.Step || (point.Step == Latest.Step && point.Timestamp >= Latest.Timestamp))
            Latest = point;
        Count++;
        var v = point.Value;
        if (double.IsNaN(v)) return;
        if (double.IsNaN(Min) || v < Min) Min = v;
        if (double.IsNaN(Max) || v > Max) Max = v;
    }
}
