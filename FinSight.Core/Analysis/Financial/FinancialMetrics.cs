namespace FinSight.Core.Analysis.Financial;

/// <summary>The financial metrics of one prediction series, with what they were computed from.</summary>
public sealed class FinancialMetrics
{
    /// <summary>Creates a result; <see cref="FinancialMetricsCalculator"/> is the usual source.</summary>
    public FinancialMetrics(IReadOnlyDictionary<string, double?> values, IReadOnlyDictionary<string, string> undefined,
        int points, int zeroActualsExcluded, int returnCount, bool returnsGiven, double periodsPerYear)
    {
        Values = values;
        Undefined = undefined;
        Points = points;
        ZeroActualsExcluded = zeroActualsExcluded;
        ReturnCount = returnCount;
        ReturnsGiven = returnsGiven;
        PeriodsPerYear = periodsPerYear;
    }

    /// <summary>
    /// Every metric of <see cref="FinancialMetricNames.All"/>, in that order: a finite number, or null when it is undefined
    /// for this series (never NaN or an infinity).
    /// </summary>
    public IReadOnlyDictionary<string, double?> Values { get; }

    /// <summary>For each null metric, why it is undefined (e.g. "the returns do not vary …").</summary>
    public IReadOnlyDictionary<string, string> Undefined { get; }

    /// <summary>Number of points (actual/predicted pairs).</summary>
    public int Points { get; }

    /// <summary>Actual values equal to 0, left out of MAPE.</summary>
    public int ZeroActualsExcluded { get; }

    /// <summary>Number of returns the return-based metrics used (0 when they are undefined).</summary>
    public int ReturnCount { get; }

    /// <summary>True when the caller's returns were used; false when the strategy's returns were derived from the predictions.</summary>
    public bool ReturnsGiven { get; }

    /// <summary>Periods per year used to annualize.</summary>
    public double PeriodsPerYear { get; }

    /// <summary>The defined metrics only: what is logged as the run's metrics.</summary>
    public IEnumerable<KeyValuePair<string, double>> Defined
    {
        get
        {
            foreach (var (key, value) in Values)
            {
                if (value is { } v) yield return new(key, v);
            }
        }
    }
}
