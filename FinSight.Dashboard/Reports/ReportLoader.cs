using FinSight.Core.Analysis.Financial;
using System.Security.Claims;
using FinSight.Core.Analysis;
using FinSight.Core.Contracts;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Artifacts;
using FinSight.Dashboard.Data;

namespace FinSight.Dashboard.Reports;

/// <summary>
/// Reads what a report shows through <see cref="TrackingReader"/>, which checks the caller's READ on every run's
/// experiment (403) and that every run exists (404). Curves are downsampled on the server, keeping each bucket's
/// minimum and maximum, so a report stays small whatever a run logged and still shows every spike.
/// </summary>
public sealed class ReportLoader(TrackingReader reader, ArtifactService artifacts, TimeProvider time)
{
    /// <summary>Points per curve in a run report: enough for a page-wide chart, small enough for a report of many metrics.</summary>
    public const int RunCurvePoints = 500;

    /// <summary>Points per trace in a comparison, which draws up to 20 traces per chart.</summary>
    public const int CompareCurvePoints = 300;

    /// <summary>At most this many metrics get a chart in a comparison; the table still lists every metric.</summary>
    public const int MaxCompareCharts = 30;

    public async Task<RunReport> LoadRunAsync(ClaimsPrincipal caller, string runId, CancellationToken cancellationToken)
    {
        var run = await reader.GetRunAsync(caller, runId, cancellationToken);
        var experiment = await reader.GetExperimentAsync(caller, run.Info.ExperimentId, cancellationToken);
        var directions = await reader.GetMetricDirectionsAsync(caller, run.Info.ExperimentId, cancellationToken);
        var histories = new Dictionary<string, IReadOnlyList<MetricPointOutput>>(StringComparer.Ordinal);
        foreach (var key in ChartedKeys(run))
            histories[key] = await HistoryAsync(caller, runId, key, RunCurvePoints, cancellationToken);
        var files = (await artifacts.ListFilesAsync(caller, runId, cancellationToken)).Select(f => new ReportArtifact(f.Path, f.Size)).ToList();
        return new RunReport(run, experiment.Name, directions, histories, files, time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    /// <summary>The runs named (already checked with <see cref="CompareRunIds"/>); 404 naming any id that matches no run.</summary>
    public async Task<CompareReport> LoadComparisonAsync(ClaimsPrincipal caller, IReadOnlyList<string> runIds, CancellationToken cancellationToken)
    {
        var runs = await reader.GetRunsForComparisonAsync(caller, runIds, cancellationToken);
        if (CompareRunIds.Missing(runIds, runs) is { } missing) throw TrackingException.NotFound(missing);
        var directions = await reader.GetMetricDirectionsAsync(caller, runs[0].Info.ExperimentId, cancellationToken);
        var chartKeys = ChartKeys(runs);
        var histories = new Dictionary<(string, string), IReadOnlyList<MetricPointOutput>>();
        foreach (var key in chartKeys)
        {
            foreach (var run in runs.Where(r => r.Metrics.Any(m => m.Key == key)))
                histories[(run.Info.RunId, key)] = await HistoryAsync(caller, run.Info.RunId, key, CompareCurvePoints, cancellationToken);
        }
        return new CompareReport(runs, directions, chartKeys, histories, time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    /// <summary>The keys a run report draws (a run with hundreds of metrics reads only the charts' histories).</summary>
    private static IEnumerable<string> ChartedKeys(RunDetails run)
    {
        var keys = run.Metrics.Select(m => m.Key).ToList();
        return ReportChartGroups.Training(keys).Take(ReportChartGroups.MaxCharts).SelectMany(g => g)
            .Concat(ReportChartGroups.Resources(keys).Take(ReportChartGroups.MaxCharts).SelectMany(g => g.Keys))
            .Concat(run.Metrics.Where(m => FinancialMetricNames.IsFinancial(m.Key) && m.Count > 1).Select(m => m.Key))
            .Distinct(StringComparer.Ordinal);
    }

    /// <summary>
    /// Metrics with a curve worth drawing (some run logged more than one point), system metrics left out as on the
    /// compare page: losses first (train before validation), then the rest by name.
    /// </summary>
    private static IReadOnlyList<string> ChartKeys(IReadOnlyList<ComparedRun> runs)
    {
        var keys = runs.SelectMany(r => r.Metrics).Where(m => m.Count > 1 && !MetricSelection.IsSystem(m.Key))
            .Select(m => m.Key).Distinct(StringComparer.Ordinal).ToList();
        return MetricSelection.LossKeys(keys)
            .Concat(keys.Where(k => !MetricSelection.IsLossLike(k)).Order(StringComparer.Ordinal))
            .Take(MaxCompareCharts)
            .ToList();
    }

    private async Task<IReadOnlyList<MetricPointOutput>> HistoryAsync(ClaimsPrincipal caller, string runId, string key, int maxPoints, CancellationToken cancellationToken) =>
        (await reader.GetMetricHistoryAsync(caller, runId, key, null, null, maxPoints, cancellationToken)).Points;
}
