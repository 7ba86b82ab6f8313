using FinSight.Core.Contracts;

namespace FinSight.Client.Ingest;

/// <summary>
/// A sealed batch kept until the server acknowledges it. The payload, batch id included, is built
/// once, so every resend carries the same id and the server can recognise it as a duplicate.
/// </summary>
internal sealed class PendingBatch(long sequence, MetricBatch payload)
{
    /// <summary>Order in which the run sealed its batches; flushes wait on it.</summary>
    public long Sequence { get; } = sequence;

    /// <summary>What goes on the wire.</summary>
    public MetricBatch Payload { get; } = payload;

    /// <summary>Number of points in the batch.</summary>
    public int Count => Payload.Points!.Count;
}
