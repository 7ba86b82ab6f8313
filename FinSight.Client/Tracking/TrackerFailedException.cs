namespace FinSight.Client.Tracking;

/// <summary>One tracker of a <see cref="CompositeExperimentTracker"/> failed; the inner exception says why.</summary>
public sealed class TrackerFailedException(IExperimentTracker tracker, Exception inner)
    : Exception($"{tracker.GetType().Name}: {inner.Message}", inner)
{
    /// <summary>The tracker that failed.</summary>
    public IExperimentTracker Tracker { get; } = tracker;
}
