namespace FinSight.Client.Tracking;

/// <summary>Shorthands over <see cref="IExperimentTracker"/>.</summary>
public static class ExperimentTrackerExtensions
{
    /// <summary>Logs one metric value; see <see cref="IExperimentTracker.LogMetricsAsync"/>.</summary>
    public static Task LogMetricAsync(this IExperimentTracker tracker, string key, double value, long step, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        return tracker.LogMetricsAsync(new Dictionary<string, double>(StringComparer.Ordinal) { [key] = value }, step, ct);
    }
}
