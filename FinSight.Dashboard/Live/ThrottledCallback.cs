namespace FinSight.Dashboard.Live;

/// <summary>
/// Coalesces signals into at most one callback per interval: the first signal after a quiet period
/// fires at once, later ones within the interval fold into a single trailing call. Disposing stops
/// further calls (a call already running finishes).
/// </summary>
public sealed class ThrottledCallback : IDisposable
{
    private readonly Func<Task> _callback;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private ITimer? _timer;
    private long _lastFired = long.MinValue;
    private bool _scheduled;
    private bool _disposed;

    public ThrottledCallback(Func<Task> callback, TimeSpan interval, TimeProvider time)
    {
        _callback = callback;
        _interval = interval;
        _time = time;
    }

    public void Signal()
    {
        lock (_lock)
        {
            if (_disposed || _scheduled) return;
            _scheduled = true;
            var now = _time.GetTimestamp();
            var wait = _lastFired == long.MinValue ? TimeSpan.Zero : _interval - _time.GetElapsedTime(_lastFired, now);
            if (wait <= TimeSpan.Zero)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static self => _ = self.FireAsync(), this, preferLocal: false);
                return;
            }
            _timer ??= _time.CreateTimer(static state => _ = ((ThrottledCallback)state!).FireAsync(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timer.Change(wait, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _timer?.Dispose();
        }
    }

    private async Task FireAsync()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _scheduled = false;
            _lastFired = _time.GetTimestamp();
        }
        // The callback belongs to a component that routes its own failures; never let one escape a timer.
        try { await _callback(); }
        catch (ObjectDisposedException) { }
    }
}
