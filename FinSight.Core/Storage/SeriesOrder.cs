namespace FinSight.Core.Storage;

/// <summary>The order in which a series' history is returned: by step, then timestamp, then arrival.</summary>
public static class SeriesOrder
{
    /// <summary>Sorts points already in arrival order; the sort is stable so arrival breaks ties.</summary>
    public static MetricPoint[] ByStep(List<MetricPoint> arrivalOrder)
    {
        var points = arrivalOrder.ToArray();
        if (IsOrdered(points)) return points;
        // Array.Sort is not stable: carry the arrival index as the last key.
        var keys = new (long Step, long Timestamp, int Arrival)[points.Length];
        for (var i = 0; i < points.Length; i++) keys[i] = (points[i].Step, points[i].Timestamp, i);
        Array.Sort(keys, points);
        return points;
    }

    /// <summary>True when <paramref name="a"/> comes strictly before <paramref name="b"/> by step, then timestamp (arrival breaks ties).</summary>
    public static bool Precedes(MetricPoint a, MetricPoint b) => a.Step < b.Step || (a.Step == b.Step && a.Timestamp < b.Timestamp);

    private static bool IsOrdered(MetricPoint[] points)
    {
        for (var i = 1; i < points.Length; i++)
        {
            var a = points[i - 1];
            var b = points[i];
            if (a.Step > b.Step || (a.Step == b.Step && a.Timestamp > b.Timestamp)) return false;
        }
        return true;
    }
}
