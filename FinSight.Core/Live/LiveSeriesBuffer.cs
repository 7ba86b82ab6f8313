using FinSight.Core.Storage;

namespace FinSight.Core.Live;

/// <summary>
/// The newest points of one (run, metric) series, kept in memory for live views. It holds up to
/// <c>capacity</c> points; when an append overflows it, only the newest <c>keepOnOverflow</c> are
/// kept, so trimming happens once per many appends rather than on every point. Not thread-safe:
/// the owner locks.
/// </summary>
public sealed class LiveSeriesBuffer
{
    private readonly List<MetricPoint> _points;
    private readonly int _capacity;
    private readonly int _keepOnOverflow;

    /// <summary>Creates a buffer; <paramref name="keepOnOverflow"/> must be between 1 and <paramref name="capacity"/>.</summary>
    public LiveSeriesBuffer(int capacity = 1000, int keepOnOverflow = 500)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(keepOnOverflow, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(keepOnOverflow, capacity);
        _capacity = capacity;
        _keepOnOverflow = keepOnOverflow;
        _points = new List<MetricPoint>(capacity);
    }

    /// <summary>Points held now.</summary>
    public int Count => _points.Count;

    /// <summary>Points ever appended; lets a reader ask for what it has not seen yet.</summary>
    public long TotalAppended { get; private set; }

    /// <summary>Appends points in arrival order, trimming to the newest points on overflow.</summary>
    public void Append(ReadOnlySpan<MetricPoint> points)
    {
        foreach (var p in points) _points.Add(p);
        TotalAppended += points.Length;
        if (_points.Count > _capacity) _points.RemoveRange(0, _points.Count - _keepOnOverflow);
    }

    /// <summary>A copy of the points held, oldest first.</summary>
    public MetricPoint[] Snapshot() => [.. _points];

    /// <summary>
    /// The points appended after a reader had seen <paramref name="seenTotal"/> of them; when some
    /// were trimmed in between, only those still held are returned.
    /// </summary>
    public MetricPoint[] Since(long seenTotal)
    {
        var missed = TotalAppended - seenTotal;
        if (missed <= 0) return [];
        var available = (int)Math.Min(missed, _points.Count);
        return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_points)[^available..].ToArray();
    }
}
