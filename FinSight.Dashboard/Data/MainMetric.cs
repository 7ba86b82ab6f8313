using FinSight.Core.Analysis;

namespace FinSight.Dashboard.Data;

/// <summary>Which of a run's metrics stands for it in one glance (a sparkline, a list cell).</summary>
public static class MainMetric
{
    /// <summary>
    /// The training loss when there is one (train_loss, then loss, then any other loss, training before
    /// validation), else the first non-system key in order; null when the run logged only system metrics.
    /// </summary>
    public static string? Choose(IEnumerable<string> keys)
    {
        var candidates = keys.Where(k => !MetricSelection.IsSystem(k)).Order(StringComparer.Ordinal).ToList();
        return candidates.FirstOrDefault(k => k is "train_loss" or "train/loss")
            ?? candidates.FirstOrDefault(k => k == "loss")
            ?? MetricSelection.LossKeys(candidates).FirstOrDefault()
            ?? candidates.FirstOrDefault();
    }
}
