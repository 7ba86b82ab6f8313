using FinSight.Core.Analysis;
using FinSight.Core.Storage;

namespace FinSight.Dashboard.Components.Charts;

/// <summary>
/// The points of one metric a chart currently shows (downsampled history, then live points), kept on the
/// server so the figure can be rebuilt when the axis or smoothing changes without asking the database.
/// </summary>
internal sealed class ChartSeries(string key)
{
    private ExponentialSmoothing? _ema;

    public string Key { get; } = key;

    public List<MetricPoint> Points { get; } = [];

    /// <summary>Highest step shown; live points at or below it are already in the history.</summary>
    public long LastStep { get; private set; } = long.MinValue;

    /// <summary>Live points appended since the history was loaded.</summary>
    public int LiveAppended { get; private set; }

    /// <summary>Points the live store had appended when this view last read it.</summary>
    public long Seen { get; set; }

    public void Load(IEnumerable<MetricPoint> history)
    {
        Points.Clear();
        Points.AddRange(history);
        LastStep = Points.Count > 0 ? Points.Max(p => p.Step) : long.MinValue;
        LiveAppended = 0;
        _ema = null;
    }

    /// <summary>Keeps the points newer than the last shown step and returns them.</summary>
    public MetricPoint[] AppendLive(IEnumerable<MetricPoint> points)
    {
        var fresh = new List<MetricPoint>();
        foreach (var p in points)
        {
            if (p.Step <= LastStep) continue;
            fresh.Add(p);
            LastStep = p.Step;
        }
        Points.AddRange(fresh);
        LiveAppended += fresh.Count;
        return [.. fresh];
    }

    /// <summary>Smoothed values of every shown point; restarts the running average the live points continue.</summary>
    public double[] SmoothAll(double weight)
    {
        _ema = new ExponentialSmoothing(weight);
        var result = new double[Points.Count];
        for (var i = 0; i < Points.Count; i++) result[i] = _ema.Next(Points[i].Value);
        return result;
    }

    /// <summary>Continues the running average over freshly appended points.</summary>
    public double[] SmoothNext(IReadOnlyList<MetricPoint> fresh, double weight)
    {
        _ema ??= new ExponentialSmoothing(weight);
        var result = new double[fresh.Count];
        for (var i = 0; i < fresh.Count; i++) result[i] = _ema.Next(fresh[i].Value);
        return result;
    }
}
