namespace FinSight.Core.Storage;

/// <summary>
/// Thins a step-ordered series to about <c>maxPoints</c> by splitting the step range into equal
/// buckets and keeping each bucket's minimum and maximum (in their original order), so a spike is
/// never hidden by the thinning. The first and last points are always kept.
/// </summary>
public static class MinMaxDownsampler
{
    /// <summary>Returns <paramref name="points"/> unchanged when it already fits.</summary>
    public static IReadOnlyList<MetricPoint> Downsample(IReadOnlyList<MetricPoint> points, int maxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 4);
        if (points.Count <= maxPoints) return points;

        var grid = new StepBuckets(points[0].Step, points[^1].Step, maxPoints);
        var buckets = grid.Count;
        var result = new List<MetricPoint>(maxPoints) { points[0] };
        var i = 1;
        var end = points.Count - 1;
        for (var b = 0; b < buckets && i < end; b++)
        {
            var limit = grid.Limit(b);
            int minAt = -1, maxAt = -1, firstAt = i;
            for (; i < end && (points[i].Step < limit || b == buckets - 1); i++)
            {
                var v = points[i].Value;
                if (double.IsNaN(v)) continue;
                if (minAt < 0 || v < points[minAt].Value) minAt = i;
                if (maxAt < 0 || v > points[maxAt].Value) maxAt = i;
            }
            if (i == firstAt) continue;
            if (minAt < 0) { result.Add(points[firstAt]); continue; }
            if (minAt == maxAt) result.Add(points[minAt]);
            else
            {
                result.Add(points[Math.Min(minAt, maxAt)]);
                result.Add(points[Math.Max(minAt, maxAt)]);
            }
        }
        result.Add(points[^1]);
        return result;
    }
}
