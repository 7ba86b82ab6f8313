namespace FinSight.Client.Tracking.Mlflow;

/// <summary>
/// Splits a log-batch into requests within MLflow's limits (at most 1,000 metrics, 100 params, 100 tags and 1,000
/// items in all per request), so any MLflow server accepts them.
/// </summary>
internal static class MlflowBatches
{
    public const int MaxMetrics = 1000;
    public const int MaxParams = 100;
    public const int MaxTags = 100;
    public const int MaxItems = 1000;

    public static IEnumerable<(List<T> Metrics, List<TKv> Params, List<TKv> Tags)> Split<T, TKv>(
        IReadOnlyList<T> metrics, IReadOnlyList<TKv> parameters, IReadOnlyList<TKv> tags)
    {
        int m = 0, p = 0, t = 0;
        do
        {
            // Params and tags first: they are few, and a run's params are best stored before its first points.
            var ps = parameters.Skip(p).Take(MaxParams).ToList();
            var ts = tags.Skip(t).Take(Math.Min(MaxTags, MaxItems - ps.Count)).ToList();
            var ms = metrics.Skip(m).Take(Math.Min(MaxMetrics, MaxItems - ps.Count - ts.Count)).ToList();
            p += ps.Count;
            t += ts.Count;
            m += ms.Count;
            yield return (ms, ps, ts);
        }
        while (m < metrics.Count || p < parameters.Count || t < tags.Count);
    }
}
