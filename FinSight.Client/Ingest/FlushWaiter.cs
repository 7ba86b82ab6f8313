namespace FinSight.Client.Ingest;

/// <summary>A flush waiting until every batch up to <see cref="LastSequence"/> is settled.</summary>
internal sealed class FlushWaiter(long lastSequence)
{
    /// <summary>The last batch sealed when the flush began.</summary>
    public long LastSequence { get; } = lastSequence;

    /// <summary>Completes when those batches are acknowledged or refused.</summary>
    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
