using FinSight.Core.Tracking;

namespace FinSight.Dashboard.Ingestion;

/// <summary>
/// One unit of work for the single writer. It runs inside a group transaction; its caller's task
/// completes only after that transaction commits, so an answer always means "durable".
/// </summary>
public abstract class IngestionCommand
{
    /// <summary>Metric points carried, used to size commit groups.</summary>
    public abstract int PointCount { get; }

    /// <summary>Checks preconditions against stored data, then writes. Throws <see cref="TrackingException"/> before writing anything when refused.</summary>
    public abstract void Execute(TrackingWriteSession session);

    /// <summary>Called after the group committed: hands the result to the caller.</summary>
    public abstract void Complete();

    /// <summary>Called when the command was refused or its transaction failed.</summary>
    public abstract void Fail(Exception error);
}

/// <summary>A command whose work is a delegate over the write session.</summary>
public sealed class IngestionCommand<T>(int pointCount, Func<TrackingWriteSession, T> work) : IngestionCommand
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public override int PointCount => pointCount;

    public Task<T> Task => _completion.Task;

    public override void Execute(TrackingWriteSession session) => _result = work(session);

    public override void Complete() => _completion.TrySetResult(_result!);

    public override void Fail(Exception error) => _completion.TrySetException(error);
}
