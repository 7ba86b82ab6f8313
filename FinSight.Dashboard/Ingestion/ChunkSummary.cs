using FinSight.Core.Storage;

namespace FinSight.Dashboard.Ingestion;

/// <summary>The columns stored beside a chunk's blob: step range and value range (NaN ignored).</summary>
public readonly record struct ChunkSummary(long MinStep, long MaxStep, double MinValue, double MaxValue)
{
    public static ChunkSummary Of(ReadOnlySpan<MetricPoint> points)
    {
        long minStep = long.MaxValue, maxStep = long.MinValue;
        double min = double.NaN, max = double.NaN;
        foreach (var p in points)
        {
            if (p.Step < minStep) minStep = p.Step;
            if (p.Step > maxStep) maxStep = p.Step;
            if (double.IsNaN(p.Value)) continue;
            if (double.IsNaN(min) || p.Value < min) min = p.Value;
            if (double.IsNaN(max) || p.Value > max) max = p.Value;
        }
        return new ChunkSummary(minStep, maxStep, min, max);
    }
}
