namespace FinSight.Dashboard.Data;

/// <summary>One row of the experiments page: identity, description and how busy the experiment is.</summary>
/// <param name="RunCount">Active runs (deleted runs are not counted).</param>
/// <param name="RunningCount">Active runs whose status is RUNNING.</param>
/// <param name="LastActivity">Latest of any run's start or end and the experiment's own last update, epoch ms.</param>
public sealed record ExperimentOverview(
    string ExperimentId, string Name, string? Description, bool IsDeleted, long CreationTime,
    int RunCount, int RunningCount, long LastActivity);
