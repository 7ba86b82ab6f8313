using System.Linq.Expressions;

namespace FinSight.Core.Query;

/// <summary>
/// How a filter reaches a run's values, for one run type: an in-memory record or a database entity.
/// Every member returns an expression, so the same compiled filter runs in memory or is translated to SQL.
/// </summary>
/// <typeparam name="TRun">The run type filtered.</typeparam>
public interface IRunFilterAccessor<TRun>
{
    /// <summary>
    /// True when the run has a value for the metric's summary (not NaN) and <paramref name="predicate"/> holds for it;
    /// false for a run without the metric.
    /// </summary>
    Expression<Func<TRun, bool>> Metric(string key, MetricAggregate aggregate, Expression<Func<double, bool>> predicate);

    /// <summary>True when the run has the param and <paramref name="predicate"/> holds for its value.</summary>
    Expression<Func<TRun, bool>> Param(string key, Expression<Func<string, bool>> predicate);

    /// <summary>True when the run has the tag and <paramref name="predicate"/> holds for its value.</summary>
    Expression<Func<TRun, bool>> Tag(string key, Expression<Func<string, bool>> predicate);

    /// <summary>A text attribute: status (upper-case wire name), run name, run id or owner (may be null).</summary>
    Expression<Func<TRun, string?>> Text(RunAttribute attribute);

    /// <summary>The run's start, epoch milliseconds.</summary>
    Expression<Func<TRun, long>> StartTime { get; }

    /// <summary>The run's end, epoch milliseconds; null while it runs.</summary>
    Expression<Func<TRun, long?>> EndTime { get; }

    /// <summary>True when text reads as a finite number, the way <see cref="ToNumber"/> reads it.</summary>
    Expression<Func<string, bool>> IsNumber { get; }

    /// <summary>The number in text for which <see cref="IsNumber"/> holds.</summary>
    Expression<Func<string, double>> ToNumber { get; }

    /// <summary>SQL LIKE matching: % is any text, _ any one character; <paramref name="ignoreCase"/> for ilike.</summary>
    Expression<Func<string, bool>> Like(string pattern, bool ignoreCase);
}
