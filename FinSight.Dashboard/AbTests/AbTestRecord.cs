using FinSight.Core.AbTesting;

namespace FinSight.Dashboard.AbTests;

/// <summary>A stored test as the service and pages use it: its definition plus its lifecycle.</summary>
public sealed record AbTestRecord(
    long Id, long ExperimentId, string ExperimentName, string Name, string? Hypothesis, AbTestStatus StoredStatus,
    AbTestDesign Design, long? EndsAt, string CreatedBy, long CreatedAt, long? StartedAt, long? FinishedAt, string? FinishedBy)
{
    /// <summary>
    /// The status as users should see it: a running test whose end date has passed is ended, even in the
    /// seconds before <see cref="AbTestScheduler"/> writes it down (the writer refuses its observations already).
    /// </summary>
    public AbTestStatus StatusAt(long nowMs) =>
        StoredStatus == AbTestStatus.Running && EndsAt is { } end && end <= nowMs ? AbTestStatus.Ended : StoredStatus;
}
