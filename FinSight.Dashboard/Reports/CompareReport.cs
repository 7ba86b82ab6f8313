using FinSight.Core.Analysis;
using FinSight.Core.Contracts;
using FinSight.Dashboard.Data;

namespace FinSight.Dashboard.Reports;

/// <summary>Everything a comparison report shows, read (with READ on every run's experiment) before any of it is written.</summary>
/// <param name="Runs">In the order the caller named them.</param>
/// <param name="SavedDirections">Directions saved on the first run's experiment, as the compare page reads them.</param>
/// <param name="ChartKeys">The metrics that get a chart, in the order shown.</param>
/// <param name="Histories">Downsampled history per (run id, key), for the chart keys.</param>
/// <param name="GeneratedAt">Epoch milliseconds.</param>
public sealed record CompareReport(
    IReadOnlyList<ComparedRun> Runs,
    IReadOnlyDictionary<string, MetricDirection> SavedDirections,
    IReadOnlyList<string> ChartKeys,
    IReadOnlyDictionary<(string RunId, string Key), IReadOnlyList<MetricPointOutput>> Histories,
    long GeneratedAt)
{
    public MetricDirection DirectionOf(string key) => SavedDirections.TryGetValue(key, out var saved) ? saved : MetricDirections.Infer(key);

    public IReadOnlyList<MetricPointOutput> HistoryOf(string runId, string key) => Histories.TryGetValue((runId, key), out var points) ? points : [];

    /// <summary>Run names label columns and traces; a name two runs share gets the id's start, as on the compare page.</summary>
    public string NameOf(ComparedRun run) =>
        Runs.Count(r => r.Info.RunName == run.Info.RunName) > 1 ? $"{run.Info.RunName} ({run.Info.RunId[..6]})" : run.Info.RunName;
}
