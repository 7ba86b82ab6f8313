namespace FinSight.Core.Query;

/// <summary>A metric's summaries as a filter sees them.</summary>
/// <param name="Latest">The last value (may be NaN).</param>
/// <param name="Min">The smallest non-NaN value; NaN when there is none.</param>
/// <param name="Max">The largest non-NaN value; NaN when there is none.</param>
public sealed record RunMetricSummary(double Latest, double Min, double Max);

/// <summary>A run held in memory, for evaluating filters without a database.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="RunName">The run name.</param>
/// <param name="Status">Upper-case status wire name.</param>
/// <param name="StartTime">Start, epoch milliseconds.</param>
/// <param name="EndTime">End, epoch milliseconds; null while running.</param>
/// <param name="Owner">Who started it.</param>
/// <param name="Params">Params by key.</param>
/// <param name="Tags">Tags by key.</param>
/// <param name="Metrics">Metric summaries by key.</param>
public sealed record RunRecord(
    string RunId, string RunName, string Status, long StartTime, long? EndTime, string? Owner,
    IReadOnlyDictionary<string, string> Params,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyDictionary<string, RunMetricSummary> Metrics);
