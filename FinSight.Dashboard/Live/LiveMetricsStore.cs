using System.Collections.Concurrent;
using FinSight.Core.Live;
using FinSight.Core.Storage;
using FinSight.Dashboard.Configuration;
using Microsoft.Extensions.Options;

namespace FinSight.Dashboard.Live;

/// <summary>
/// The newest committed points of every (run, metric) series, for live views. The writer appends
/// after each commit; components subscribe, are called back at most once per notify interval, and
/// read what they have not seen. Nothing here touches the database.
/// </summary>
public sealed class LiveMetricsStore(IOptions<LiveOptions> options, TimeProvider time)
{
    private readonly LiveOptions _options = options.Value;
    private readonly ConcurrentDictionary<(string RunId, string Key), LiveSeries> _series = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Subscription, byte>> _runSubscriptions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Subscription, byte> _overviewSubscriptions = new();
    private readonly ConcurrentDictionary<Subscription, byte> _runChangeSubscriptions = new();
    private readonly ConcurrentDictionary<Subscription, byte> _experimentSubscriptions = new();
    private readonly ConcurrentDictionary<long, ConcurrentDictionary<Subscription, byte>> _abTestSubscriptions = new();
    private readonly ConcurrentDictionary<Subscription, byte> _abTestListSubscriptions = new();

    public void Append(string runId, string key, IReadOnlyList<MetricPoint> points)
    {
        var series = _series.GetOrAdd((runId, key), _ => new LiveSeries(_options.BufferCapacity, _options.KeepOnOverflow));
        Subscription[] toSignal;
        lock (series)
        {
            series.Buffer.Append(points is List<MetricPoint> list
                ? System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list)
                : points.ToArray());
            toSignal = [.. series.Subscriptions];
        }
        foreach (var s in toSignal) s.Throttle.Signal();
        SignalRun(runId);
    }

    /// <summary>A run started, ended, or changed params or tags.</summary>
    public void NotifyRunChanged(string runId)
    {
        SignalRun(runId);
        SignalRunChanges();
    }

    /// <summary>
    /// An experiment was created, renamed, described, deleted or restored. Overview pages hear it too:
    /// the runs of a deleted experiment leave their lists.
    /// </summary>
    public void NotifyExperimentsChanged()
    {
        foreach (var s in _experimentSubscriptions.Keys) s.Throttle.Signal();
        foreach (var s in _overviewSubscriptions.Keys) s.Throttle.Signal();
    }

    /// <summary>An A/B test got observations, or was started, stopped, ended or re-split.</summary>
    public void NotifyAbTestChanged(long testId)
    {
        if (_abTestSubscriptions.TryGetValue(testId, out var set))
        {
            foreach (var s in set.Keys) s.Throttle.Signal();
        }
        foreach (var s in _abTestListSubscriptions.Keys) s.Throttle.Signal();
    }

    /// <summary>An ended run gets no more points: free its buffers (views keep what they already read).</summary>
    public void ForgetRun(string runId)
    {
        foreach (var key in _series.Keys)
        {
            if (key.RunId == runId) _series.TryRemove(key, out _);
        }
        SignalRun(runId);
        SignalRunChanges();
    }

    /// <summary>Points of a series that a reader has not seen, and the new total to remember.</summary>
    public (MetricPoint[] Points, long Total) ReadSince(string runId, string key, long seenTotal)
    {
        if (!_series.TryGetValue((runId, key), out var series)) return ([], 0);
        lock (series) return (series.Buffer.Since(seenTotal), series.Buffer.TotalAppended);
    }

    /// <summary>Points ever appended to a series; a view remembers it to read only what is new later.</summary>
    public long TotalAppended(string runId, string key)
    {
        if (!_series.TryGetValue((runId, key), out var series)) return 0;
        lock (series) return series.Buffer.TotalAppended;
    }

    /// <summary>Called back (throttled) when points of this series are committed.</summary>
    public IDisposable SubscribeSeries(string runId, string key, Func<Task> onChange) => SubscribeSeries(runId, [key], onChange);

    /// <summary>
    /// Called back (throttled) when points of any of these series are committed: one chart showing
    /// several keys redraws at most once per interval, not once per key.
    /// </summary>
    public IDisposable SubscribeSeries(string runId, IReadOnlyCollection<string> keys, Func<Task> onChange)
    {
        var watched = keys.Distinct(StringComparer.Ordinal)
            .Select(key => KeyValuePair.Create((runId, key), _series.GetOrAdd((runId, key), _ => new LiveSeries(_options.BufferCapacity, _options.KeepOnOverflow))))
            .ToArray();
        var subscription = new Subscription(new ThrottledCallback(onChange, _options.NotifyInterval, time), s =>
        {
            foreach (var entry in watched)
            {
                var series = entry.Value;
                lock (series)
                {
                    series.Subscriptions.Remove(s);
                    // Watching an ended run (or a key never logged) must not leave an empty series behind forever.
                    if (series.Subscriptions.Count == 0 && series.Buffer.Count == 0) _series.TryRemove(entry);
                }
            }
        });
        foreach (var entry in watched)
        {
            lock (entry.Value) entry.Value.Subscriptions.Add(subscription);
        }
        return subscription;
    }

    /// <summary>Called back (throttled) on anything that happens to one run: points, status, params, tags.</summary>
    public IDisposable SubscribeRun(string runId, Func<Task> onChange)
    {
        return AddTo(_runSubscriptions.GetOrAdd(runId, _ => new()), onChange);
    }

    /// <summary>Called back (throttled) on anything that happens to any run: for overview pages.</summary>
    public IDisposable SubscribeOverview(Func<Task> onChange)
    {
        return AddTo(_overviewSubscriptions, onChange);
    }

    /// <summary>
    /// Called back (throttled) when any run starts, ends or changes params or tags, but not for points:
    /// for grids that show statuses and must not re-query at the rate metrics arrive.
    /// </summary>
    public IDisposable SubscribeRunChanges(Func<Task> onChange)
    {
        return AddTo(_runChangeSubscriptions, onChange);
    }

    /// <summary>Called back (throttled) when experiments are created, edited, deleted or restored; never for points.</summary>
    public IDisposable SubscribeExperimentChanges(Func<Task> onChange)
    {
        return AddTo(_experimentSubscriptions, onChange);
    }

    /// <summary>Called back (throttled) when one A/B test changes: observations, status, split.</summary>
    public IDisposable SubscribeAbTest(long testId, Func<Task> onChange) =>
        AddTo(_abTestSubscriptions.GetOrAdd(testId, _ => new()), onChange);

    /// <summary>Called back (throttled) when any A/B test changes: for the list of tests.</summary>
    public IDisposable SubscribeAbTests(Func<Task> onChange) => AddTo(_abTestListSubscriptions, onChange);

    /// <summary>A throttled subscription held in <paramref name="set"/> until it is disposed.</summary>
    private Subscription AddTo(ConcurrentDictionary<Subscription, byte> set, Func<Task> onChange)
    {
        var subscription = new Subscription(new ThrottledCallback(onChange, _options.NotifyInterval, time), s => set.TryRemove(s, out _));
        set[subscription] = 0;
        return subscription;
    }

    /// <summary>Subscriptions not yet disposed, of every kind: a view that leaks them shows up here (diagnostics and tests).</summary>
    public int ActiveSubscriptions
    {
        get
        {
            var count = _overviewSubscriptions.Count + _runChangeSubscriptions.Count + _experimentSubscriptions.Count
                + _runSubscriptions.Values.Sum(set => set.Count)
                + _abTestListSubscriptions.Count + _abTestSubscriptions.Values.Sum(set => set.Count);
            foreach (var series in _series.Values)
            {
                lock (series) count += series.Subscriptions.Count;
            }
            return count;
        }
    }

    private void SignalRunChanges()
    {
        foreach (var s in _runChangeSubscriptions.Keys) s.Throttle.Signal();
    }

    private void SignalRun(string runId)
    {
        if (_runSubscriptions.TryGetValue(runId, out var set))
        {
            foreach (var s in set.Keys) s.Throttle.Signal();
        }
        foreach (var s in _overviewSubscriptions.Keys) s.Throttle.Signal();
    }

    private sealed class LiveSeries(int capacity, int keepOnOverflow)
    {
        public LiveSeriesBuffer Buffer { get; } = new(capacity, keepOnOverflow);
        public List<Subscription> Subscriptions { get; } = [];
    }

    private sealed class Subscription(ThrottledCallback throttle, Action<Subscription> remove) : IDisposable
    {
        private int _disposed;

        public ThrottledCallback Throttle { get; } = throttle;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            remove(this);
            Throttle.Dispose();
        }
    }
}
