using System.Globalization;
using System.Linq.Expressions;

namespace FinSight.Core.Query;

/// <summary>Evaluates filters over <see cref="RunRecord"/>s in memory, with the database's semantics (NaN reads as missing).</summary>
public sealed class RunRecordAccessor : IRunFilterAccessor<RunRecord>
{
    /// <summary>The one instance (the accessor holds no state).</summary>
    public static readonly RunRecordAccessor Instance = new();

    /// <summary>Keeps the runs that match <paramref name="filter"/>.</summary>
    public static IEnumerable<RunRecord> Where(IEnumerable<RunRecord> runs, RunFilter filter, long nowMs) =>
        runs.Where(filter.ToExpression(Instance, nowMs).Compile());

    /// <inheritdoc />
    public Expression<Func<RunRecord, bool>> Metric(string key, MetricAggregate aggregate, Expression<Func<double, bool>> predicate)
    {
        var test = predicate.Compile();
        return run => MetricMatches(run, key, aggregate, test);
    }

    /// <inheritdoc />
    public Expression<Func<RunRecord, bool>> Param(string key, Expression<Func<string, bool>> predicate)
    {
        var test = predicate.Compile();
        return run => run.Params.ContainsKey(key) && test(run.Params[key]);
    }

    /// <inheritdoc />
    public Expression<Func<RunRecord, bool>> Tag(string key, Expression<Func<string, bool>> predicate)
    {
        var test = predicate.Compile();
        return run => run.Tags.ContainsKey(key) && test(run.Tags[key]);
    }

    /// <inheritdoc />
    public Expression<Func<RunRecord, string?>> Text(RunAttribute attribute) => attribute switch
    {
        RunAttribute.Status => run => run.Status,
        RunAttribute.RunName => run => run.RunName,
        RunAttribute.RunId => run => run.RunId,
        RunAttribute.Owner => run => run.Owner,
        _ => throw new ArgumentOutOfRangeException(nameof(attribute), attribute, "Not a text attribute."),
    };

    /// <inheritdoc />
    public Expression<Func<RunRecord, long>> StartTime => run => run.StartTime;

    /// <inheritdoc />
    public Expression<Func<RunRecord, long?>> EndTime => run => run.EndTime;

    /// <inheritdoc />
    public Expression<Func<string, bool>> IsNumber => s => ReadNumber(s) != null;

    /// <inheritdoc />
    public Expression<Func<string, double>> ToNumber => s => ReadNumber(s)!.Value;

    /// <inheritdoc />
    public Expression<Func<string, bool>> Like(string pattern, bool ignoreCase)
    {
        var regex = LikePattern.ToRegex(pattern, ignoreCase);
        return s => regex.IsMatch(s);
    }

    /// <summary>A param or tag value as a finite number, or null when it is not one.</summary>
    public static double? ReadNumber(string text) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : null;

    private static bool MetricMatches(RunRecord run, string key, MetricAggregate aggregate, Func<double, bool> test)
    {
        if (!run.Metrics.TryGetValue(key, out var summary)) return false;
        var value = aggregate switch
        {
            MetricAggregate.Min => summary.Min,
            MetricAggregate.Max => summary.Max,
            _ => summary.Latest,
        };
        return !double.IsNaN(value) && test(value);
    }
}
