namespace FinSight.Core.Analysis.Kpis;

/// <summary>The best and the average of one metric over runs, each run standing for its own best value.</summary>
/// <param name="Key">The metric.</param>
/// <param name="Direction">Which way it improves.</param>
/// <param name="Runs">Runs with a (non-NaN) value.</param>
/// <param name="Best">The best run's value; null without runs.</param>
/// <param name="Average">The mean of the runs' values; null without runs.</param>
public sealed record MetricKpi(string Key, MetricDirection Direction, int Runs, double? Best, double? Average)
{
    /// <summary>Summarises each run's best value; NaN values (a series that only ever logged NaN) are left out.</summary>
    public static MetricKpi Of(string key, MetricDirection direction, IEnumerable<double> runValues)
    {
        var values = runValues.Where(v => !double.IsNaN(v)).ToArray();
        if (values.Length == 0) return new MetricKpi(key, direction, 0, null, null);
        var best = direction == MetricDirection.Minimize ? values.Min() : values.Max();
        return new MetricKpi(key, direction, values.Length, best, values.Average());
    }
}
