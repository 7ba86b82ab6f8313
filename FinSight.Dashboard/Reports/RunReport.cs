using FinSight.Core.Analysis;
using FinSight.Core.Contracts;

namespace FinSight.Dashboard.Reports;

/// <summary>Everything a run report shows, read (with the caller's permission) before any of it is written.</summary>
/// <param name="SavedDirections">Directions users chose on the run's experiment; other keys use <see cref="MetricDirections.Infer"/>.</param>
/// <param name="Histories">The downsampled history of each metric the report draws, by key.</param>
/// <param name="GeneratedAt">Epoch milliseconds.</param>
public sealed record RunReport(
    RunDetails Run,
    string ExperimentName,
    IReadOnlyDictionary<string, MetricDirection> SavedDirections,
    IReadOnlyDictionary<string, IReadOnlyList<MetricPointOutput>> Histories,
    IReadOnlyList<ReportArtifact> Artifacts,
    long GeneratedAt)
{
    public MetricDirection DirectionOf(string key) => SavedDirections.TryGetValue(key, out var saved) ? saved : MetricDirections.Infer(key);

    public IReadOnlyList<MetricPointOutput> HistoryOf(string key) => Histories.TryGetValue(key, out var points) ? points : [];
}
