using FinSight.Core.Contracts;

namespace FinSight.Dashboard.Data;

/// <summary>What the compare page needs of one run: identity, experiment, params and per-metric summaries.</summary>
public sealed record ComparedRun(
    RunInfo Info, string ExperimentName, IReadOnlyList<KeyValueEntry> Params, IReadOnlyList<MetricSummary> Metrics);
