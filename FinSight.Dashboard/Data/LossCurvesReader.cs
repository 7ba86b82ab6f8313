using System.Security.Claims;
using FinSight.Core.Analysis.Comparison;
using FinSight.Core.Tracking;

namespace FinSight.Dashboard.Data;

/// <summary>Reads the train and validation loss histories that overfitting detection needs, and nothing else.</summary>
public static class LossCurvesReader
{
    /// <summary>About one point per pixel column of a chart: plenty to see a trend, cheap to read (chunk summaries, few blobs).</summary>
    public const int DefaultMaxPoints = 500;

    /// <summary>
    /// For each run, the histories of each train/validation loss pair among its metric keys (<see cref="LossPairing"/>),
    /// downsampled on the server to about <paramref name="maxPoints"/> points. A series deleted or not found in
    /// between is skipped; access is checked per read, as for any history.
    /// </summary>
    public static async Task<IReadOnlyList<LossCurves>> GetLossCurvesAsync(this TrackingReader reader, ClaimsPrincipal caller,
        IEnumerable<ComparedRun> runs, int maxPoints = DefaultMaxPoints, CancellationToken cancellationToken = default)
    {
        var curves = new List<LossCurves>();
        foreach (var run in runs)
        {
            foreach (var pair in LossPairing.Pair(run.Metrics.Select(m => m.Key)))
            {
                try
                {
                    var train = await reader.GetMetricHistoryAsync(caller, run.Info.RunId, pair.TrainKey, null, null, maxPoints, cancellationToken);
                    var validation = await reader.GetMetricHistoryAsync(caller, run.Info.RunId, pair.ValidationKey, null, null, maxPoints, cancellationToken);
                    curves.Add(new LossCurves(run.Info.RunId, pair, train.Points, validation.Points));
                }
                catch (TrackingException e) when (e.Kind == TrackingErrorKind.NotFound)
                {
                    // The run vanished since its summary was read: nothing to judge.
                }
            }
        }
        return curves;
    }
}
