using System.Linq.Expressions;
using FinSight.Core.Query;
using FinSight.Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace FinSight.Dashboard.Data;

/// <summary>
/// Reaches a run's values from the <c>runs</c> table for EF Core to translate: metrics, params and tags as
/// correlated EXISTS subqueries (a missing key simply has no row), numbers in text through SQLite's GLOB and CAST.
/// </summary>
public sealed class RunEntityFilterAccessor(FinSightDbContext db) : IRunFilterAccessor<RunEntity>
{
    public Expression<Func<RunEntity, bool>> Metric(string key, MetricAggregate aggregate, Expression<Func<double, bool>> predicate)
    {
        // NULL in metric_series means NaN (or no non-NaN value for min/max): it matches nothing.
        Expression<Func<MetricSeriesEntity, double?>> value = aggregate switch
        {
            MetricAggregate.Min => s => s.MinValue,
            MetricAggregate.Max => s => s.MaxValue,
            _ => s => s.LatestValue,
        };
        var series = Expression.Parameter(typeof(MetricSeriesEntity), "s");
        var v = LambdaInliner.Inline(value, series);
        var test = Expression.Lambda<Func<MetricSeriesEntity, bool>>(
            Expression.AndAlso(Expression.NotEqual(v, Expression.Constant(null, typeof(double?))),
                LambdaInliner.Inline(predicate, Expression.Property(v, nameof(Nullable<double>.Value)))),
            series);
        return run => db.MetricSeries.Where(s => s.RunId == run.RunId && s.Key == key).Any(test);
    }

    public Expression<Func<RunEntity, bool>> Param(string key, Expression<Func<string, bool>> predicate) =>
        run => db.Params.Where(p => p.RunId == run.RunId && p.Key == key).Select(p => p.Value).Any(predicate);

    public Expression<Func<RunEntity, bool>> Tag(string key, Expression<Func<string, bool>> predicate) =>
        run => db.Tags.Where(t => t.RunId == run.RunId && t.Key == key).Select(t => t.Value).Any(predicate);

    public Expression<Func<RunEntity, string?>> Text(RunAttribute attribute) => attribute switch
    {
        RunAttribute.Status => run => run.Status,
        RunAttribute.RunName => run => run.Name,
        RunAttribute.RunId => run => run.RunId,
        RunAttribute.Owner => run => run.Owner,
        _ => throw new ArgumentOutOfRangeException(nameof(attribute), attribute, "Not a text attribute."),
    };

    public Expression<Func<RunEntity, long>> StartTime => run => run.StartTime;

    public Expression<Func<RunEntity, long?>> EndTime => run => run.EndTime;

    /// <summary>
    /// The shapes .NET's invariant number parsing accepts (sign, digits, one point, one exponent), checked with
    /// GLOB because SQLite's CAST turns any text into a number ("adam" → 0, "2024-01-31" → 2024).
    /// </summary>
    public Expression<Func<string, bool>> IsNumber => s =>
        EF.Functions.Glob(s, "[0-9.+-]*")
        && !EF.Functions.Glob(s, "*[^0-9eE.+-]*")
        && EF.Functions.Glob(s, "*[0-9]*")
        && EF.Functions.Glob(s, "*[0-9.]")
        && !EF.Functions.Glob(s, "*[0-9.][+-]*")
        && !EF.Functions.Glob(s, "*[+-][+-]*")
        && !EF.Functions.Glob(s, "*[eE]*[eE]*")
        && !EF.Functions.Glob(s, "*.*.*")
        && !EF.Functions.Glob(s, "*[eE]*.*")
        && !EF.Functions.Glob(s, "[+-.][eE]*")
        && !EF.Functions.Glob(s, "[eE]*");

    // (double)(object)s is what EF Core translates to CAST(s AS REAL).
    public Expression<Func<string, double>> ToNumber => s => (double)(object)s;

    public Expression<Func<string, bool>> Like(string pattern, bool ignoreCase)
    {
        // SQLite's LIKE ignores ASCII case, so case-sensitive 'like' goes through GLOB.
        if (ignoreCase) return s => EF.Functions.Like(s, pattern);
        var glob = LikePattern.ToGlob(pattern);
        return s => EF.Functions.Glob(s, glob);
    }
}
