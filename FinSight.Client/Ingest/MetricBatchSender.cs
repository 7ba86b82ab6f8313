using System.Threading.Channels;
using FinSight.Client.RunFolders;
using FinSight.Core.Contracts;
using Microsoft.AspNetCore.SignalR;

namespace FinSight.Client.Ingest;

/// <summary>
/// One run's metric pipeline: callers append points to a list under a short lock; a full list (or
/// the flush timer) seals it into a batch with a fresh id; a background loop sends up to
/// <c>MaxInFlightBatches</c> batches at once and keeps each until it is acknowledged, resending it
/// with the same id after a reconnect. Memory is bounded by <c>MaxBufferedPoints</c>: when that many
/// points are unacknowledged, callers wait — or, with a <see cref="RunSpill"/>, wait at most its patience and then
/// spill: every unacknowledged point (with the batch id it was sent with) and every later one go to the spill folder.
/// </summary>
internal sealed class MetricBatchSender : IAsyncDisposable
{
    // A Monitor rather than System.Threading.Lock: full-buffer waits need Monitor.Wait/PulseAll.
    private readonly object _gate = new();
    private readonly IngestConnection _connection;
    private readonly string _runId;
    private readonly int _maxBatchPoints;
    private readonly int _maxBufferedPoints;
    private readonly int _maxInFlight;
    private readonly TimeProvider _timeProvider;
    private readonly Action<BatchAck, TimeSpan>? _acknowledged;
    private readonly ITimer _flushTimer;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly Queue<PendingBatch> _ready = new();
    private readonly SortedDictionary<long, PendingBatch> _pending = [];
    private readonly RunSpill? _spill;
    private readonly SortedSet<long> _unsettled = [];
    private readonly List<FlushWaiter> _flushWaiters = [];
    private readonly CancellationTokenSource _abort = new();
    private readonly Task _sendLoop;
    private List<MetricPointInput> _current;
    private long _lastSequence;
    private int _inFlight;
    private long _bufferedPoints;
    private int _blockedWriters;
    private long _acknowledgedPoints;
    private HubException? _refusal;
    private bool _completed;
    private RunFolderWriter? _spilledTo;

    public MetricBatchSender(IngestConnection connection, string runId, FinSightClientOptions options, RunSpill? spill = null)
    {
        _spill = spill;
        _connection = connection;
        _runId = runId;
        _maxBatchPoints = options.MaxBatchPoints;
        _maxBufferedPoints = options.MaxBufferedPoints;
        _maxInFlight = options.MaxInFlightBatches;
        _timeProvider = options.TimeProvider;
        _acknowledged = options.Acknowledged;
        _current = new List<MetricPointInput>(_maxBatchPoints);
        _flushTimer = _timeProvider.CreateTimer(_ => OnFlushTick(), null, options.FlushInterval, options.FlushInterval);
        _sendLoop = Task.Run(SendLoopAsync);
    }

    /// <summary>Points acknowledged by the server so far.</summary>
    public long AcknowledgedPoints => Interlocked.Read(ref _acknowledgedPoints);

    /// <summary>Appends one point; waits only while the buffer is full.</summary>
    public void Add(MetricPointInput point)
    {
        bool sealedBatch;
        lock (_gate)
        {
            sealedBatch = AddLocked(point);
        }
        if (sealedBatch) Wake();
    }

    /// <summary>Appends several points under one lock.</summary>
    public void AddRange(IReadOnlyDictionary<string, double> metrics, long step, long timestamp)
    {
        var sealedBatch = false;
        lock (_gate)
        {
            foreach (var (key, value) in metrics)
            {
                sealedBatch |= AddLocked(new MetricPointInput { Key = key, Value = value, Step = step, Timestamp = timestamp });
            }
        }
        if (sealedBatch) Wake();
    }

    /// <summary>Moves every unacknowledged point to the spill folder and sends nothing more (the server stays unreachable).</summary>
    public void Spill(string reason)
    {
        lock (_gate) SpillLocked(reason);
    }

    /// <summary>Completes when every point added so far is acknowledged (or spilled); throws when the server refused a batch.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        FlushWaiter waiter;
        lock (_gate)
        {
            ThrowIfRefused();
            if (_spilledTo is not null) return;
            SealLocked();
            if (_unsettled.Count == 0) return;
            waiter = new FlushWaiter(_lastSequence);
            _flushWaiters.Add(waiter);
        }
        Wake();
        await waiter.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Refuses further points; the send loop ends once everything sealed is settled.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            SealLocked();
            Monitor.PulseAll(_gate);
        }
        _flushTimer.Dispose();
        Wake();
    }

    private bool AddLocked(MetricPointInput point)
    {
        ThrowIfUnusable();
        if (_bufferedPoints >= _maxBufferedPoints && _spilledTo is null) WaitForRoomLocked();
        if (_spilledTo is { } spill)
        {
            spill.Append([Record(point, batchId: null)]);
            return false;
        }
        _current.Add(point);
        _bufferedPoints++;
        if (_current.Count < _maxBatchPoints) return false;
        SealLocked();
        return true;
    }

    /// <summary>Waits for acknowledgements to make room; with a spill, at most its patience, then spills.</summary>
    private void WaitForRoomLocked()
    {
        var started = _timeProvider.GetTimestamp();
        _blockedWriters++;
        try
        {
            while (_bufferedPoints >= _maxBufferedPoints && _spilledTo is null)
            {
                if (_spill is null)
                {
                    Monitor.Wait(_gate);
                }
                else
                {
                    var left = _spill.After - _timeProvider.GetElapsedTime(started);
                    if (left <= TimeSpan.Zero)
                    {
                        SpillLocked($"the server did not acknowledge {_bufferedPoints} buffered points within {_spill.After}");
                        break;
                    }
                    Monitor.Wait(_gate, left);
                }
                ThrowIfUnusable();
            }
        }
        finally
        {
            _blockedWriters--;
        }
    }

    private void SpillLocked(string reason)
    {
        if (_spilledTo is not null || _spill is null) return;
        var unsent = _pending.Values.SelectMany(b => b.Payload.Points!.Select(p => Record(p, b.Payload.BatchId)))
            .Concat(_current.Select(p => Record(p, batchId: null)))
            .ToList();
        var writer = _spill.Open(reason);
        writer.Append(unsent);
        _spilledTo = writer;
        _current = [];
        _ready.Clear();
        _pending.Clear();
        _unsettled.Clear();
        _bufferedPoints = 0;
        // The points are durable on disk: flushes waiting for them are done, and nothing is sent any more.
        foreach (var waiter in _flushWaiters) waiter.Completion.TrySetResult();
        _flushWaiters.Clear();
        Monitor.PulseAll(_gate);
        _abort.Cancel();
    }

    private static MetricRecord Record(MetricPointInput point, string? batchId) =>
        new(point.Key!, point.Value.Number, point.Step ?? 0, point.Timestamp ?? 0, batchId);

    private void ThrowIfUnusable()
    {
        ThrowIfRefused();
        if (_completed) throw new InvalidOperationException($"Run {_runId} has ended; no more metrics can be logged to it.");
    }

    private void ThrowIfRefused()
    {
        // A new exception per throw: the refusal is reported from several places and times.
        if (_refusal is { } refusal) throw new HubException(refusal.Message, refusal);
    }

    private void SealLocked()
    {
        if (_current.Count == 0 || _spilledTo is not null) return;
        var payload = new MetricBatch { RunId = _runId, BatchId = Guid.NewGuid().ToString("N"), Points = _current };
        var batch = new PendingBatch(++_lastSequence, payload);
        _current = new List<MetricPointInput>(_maxBatchPoints);
        _ready.Enqueue(batch);
        _pending.Add(batch.Sequence, batch);
        _unsettled.Add(batch.Sequence);
    }

    private void OnFlushTick()
    {
        lock (_gate)
        {
            if (_current.Count == 0) return;
            SealLocked();
        }
        Wake();
    }

    private void Wake() => _wake.Writer.TryWrite(true);

    private async Task SendLoopAsync()
    {
        while (true)
        {
            PendingBatch? next = null;
            lock (_gate)
            {
                if (_inFlight < _maxInFlight && _ready.Count > 0)
                {
                    next = _ready.Dequeue();
                    _inFlight++;
                }
                else if (_completed && _unsettled.Count == 0)
                {
                    return;
                }
            }
            if (next is not null)
            {
                _ = SendAsync(next);
                continue;
            }
            try
            {
                await _wake.Reader.ReadAsync(_abort.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SendAsync(PendingBatch batch)
    {
        for (var attempt = 0L; ; attempt++)
        {
            try
            {
                await _connection.WaitConnectedAsync(_abort.Token).ConfigureAwait(false);
                var started = _timeProvider.GetTimestamp();
                var ack = await _connection.SendBatchAsync(batch.Payload, _abort.Token).ConfigureAwait(false);
                Settle(batch, refusal: null);
                NotifyAcknowledged(ack, _timeProvider.GetElapsedTime(started));
                return;
            }
            catch (HubException refusal)
            {
                // The server validated the batch and said no: resending the same points cannot help.
                Settle(batch, refusal);
                return;
            }
            catch (Exception) when (_abort.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // Connection lost (or not up yet): keep the batch and its id, resend after reconnecting.
            }
            try
            {
                await _connection.PauseAfterFailureAsync(attempt, _abort.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Settle(PendingBatch batch, HubException? refusal)
    {
        lock (_gate)
        {
            if (_spilledTo is not null) return;
            _inFlight--;
            _pending.Remove(batch.Sequence);
            _unsettled.Remove(batch.Sequence);
            _bufferedPoints -= batch.Count;
            if (refusal is null) Interlocked.Add(ref _acknowledgedPoints, batch.Count);
            else _refusal ??= refusal;
            ReleaseFlushWaitersLocked();
            if (_blockedWriters > 0) Monitor.PulseAll(_gate);
        }
        Wake();
    }

    private void ReleaseFlushWaitersLocked()
    {
        if (_flushWaiters.Count == 0) return;
        var firstUnsettled = _unsettled.Count == 0 ? long.MaxValue : _unsettled.Min;
        _flushWaiters.RemoveAll(waiter =>
        {
            if (waiter.LastSequence >= firstUnsettled) return false;
            if (_refusal is { } refusal) waiter.Completion.TrySetException(new HubException(refusal.Message, refusal));
            else waiter.Completion.TrySetResult();
            return true;
        });
    }

    private void NotifyAcknowledged(BatchAck ack, TimeSpan latency)
    {
        if (_acknowledged is null) return;
        try
        {
            _acknowledged(ack, latency);
        }
        catch (Exception)
        {
            // An observer's bug must not stop the pipeline that carries the run's data.
        }
    }

    /// <summary>Stops sending; points not yet acknowledged are abandoned and pending flushes fail.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }
        _flushTimer.Dispose();
        _abort.Cancel();
        await _sendLoop.ConfigureAwait(false);
        lock (_gate)
        {
            foreach (var waiter in _flushWaiters)
            {
                waiter.Completion.TrySetException(new ObjectDisposedException(nameof(FinSightRun)));
            }
            _flushWaiters.Clear();
        }
    }
}
