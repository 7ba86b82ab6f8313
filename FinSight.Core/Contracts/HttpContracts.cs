namespace FinSight.Core.Contracts;

/// <summary>Body of <c>POST /api/v1/runs/{runId}/log-batch</c>.</summary>
public sealed class LogBatchRequest
{
    /// <summary>Client-chosen id that makes a resend harmless; required when metrics are sent.</summary>
    public string? BatchId { get; set; }

    /// <summary>Metric points.</summary>
    public List<MetricPointInput>? Metrics { get; set; }

    /// <summary>Params to log.</summary>
    public List<KeyValueEntry>? Params { get; set; }

    /// <summary>Tags to set.</summary>
    public List<KeyValueEntry>? Tags { get; set; }
}

/// <summary>Body of <c>POST /api/v1/experiments</c>.</summary>
public sealed class CreateExperimentRequest
{
    /// <summary>Unique experiment name.</summary>
    public string? Name { get; set; }

    /// <summary>Optional description.</summary>
    public string? Description { get; set; }
}

/// <summary>An experiment as the API returns it.</summary>
public sealed record ExperimentInfo(
    string ExperimentId, string Name, string? Description, string LifecycleStage,
    long CreationTime, long LastUpdateTime, int RunCount);

/// <summary>A run's identity and lifecycle.</summary>
public sealed record RunInfo(
    string RunId, string ExperimentId, string RunName, string Status,
    long StartTime, long? EndTime, string? Owner, string LifecycleStage);

/// <summary>Latest, minimum and maximum of one metric of a run (min and max ignore NaN).</summary>
public sealed record MetricSummary(
    string Key, double Latest, long LatestStep, long LatestTimestamp, double Min, double Max, long Count);

/// <summary>Answer to <c>GET /api/v1/runs/{runId}</c>.</summary>
public sealed record RunDetails(
    RunInfo Info, IReadOnlyList<KeyValueEntry> Params, IReadOnlyList<KeyValueEntry> Tags,
    IReadOnlyList<MetricSummary> Metrics);

/// <summary>One stored point.</summary>
public sealed record MetricPointOutput(long Step, long Timestamp, double Value);

/// <summary>Answer to <c>GET /api/v1/runs/{runId}/metric-history</c>.</summary>
public sealed record MetricHistory(string Key, IReadOnlyList<MetricPointOutput> Points);
