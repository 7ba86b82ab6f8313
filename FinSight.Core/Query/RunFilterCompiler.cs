using System.Linq.Expressions;

namespace FinSight.Core.Query;

/// <summary>
/// Turns a parsed filter into one expression over <typeparamref name="TRun"/>. Literals are captured as
/// closure values rather than constants, so a database provider sends them as parameters and reuses its plan.
/// </summary>
internal sealed class RunFilterCompiler<TRun>(IRunFilterAccessor<TRun> accessor, long nowMs)
{
    private readonly ParameterExpression _run = Expression.Parameter(typeof(TRun), "run");

    public Expression<Func<TRun, bool>> Compile(FilterNode? node) =>
        Expression.Lambda<Func<TRun, bool>>(node is null ? Expression.Constant(true) : Visit(node), _run);

    private Expression Visit(FilterNode node) => node switch
    {
        AndFilter and => Expression.AndAlso(Visit(and.Left), Visit(and.Right)),
        OrFilter or => Expression.OrElse(Visit(or.Left), Visit(or.Right)),
        NotFilter not => Expression.Not(Visit(not.Operand)),
        ComparisonFilter comparison => Comparison(comparison),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node, "Unknown filter node."),
    };

    private Expression Comparison(ComparisonFilter c)
    {
        var field = c.Field;
        switch (field.Kind)
        {
            case FilterFieldKind.Metric:
                return Inline(accessor.Metric(field.Key, field.Aggregate, NumberPredicate(c.Operator, c.Values)));
            case FilterFieldKind.Param:
                return Inline(accessor.Param(field.Key, TextPredicate(c.Operator, c.Values)));
            case FilterFieldKind.Tag:
                return Inline(accessor.Tag(field.Key, TextPredicate(c.Operator, c.Values)));
        }
        var attribute = field.Attribute;
        if (attribute is RunAttribute.StartTime or RunAttribute.EndTime or RunAttribute.Duration)
        {
            // A running run has no end time: it matches no end_time comparison; its duration runs to now.
            Expression time = attribute switch
            {
                RunAttribute.StartTime => Expression.Convert(Inline(accessor.StartTime), typeof(long?)),
                RunAttribute.EndTime => Inline(accessor.EndTime),
                _ => Expression.Convert(
                    Expression.Subtract(Expression.Coalesce(Inline(accessor.EndTime), Captured(nowMs)), Inline(accessor.StartTime)),
                    typeof(long?)),
            };
            var number = Expression.Convert(Expression.Property(time, nameof(Nullable<long>.Value)), typeof(double));
            return Expression.AndAlso(
                Expression.NotEqual(time, Expression.Constant(null, typeof(long?))),
                Apply(NumberPredicate(c.Operator, c.Values), number));
        }
        var text = Inline(accessor.Text(attribute));
        var values = attribute == RunAttribute.Status
            ? c.Values.Select(v => v with { Text = v.Text.Trim().ToUpperInvariant(), Number = null }).ToList()
            : c.Values.Select(v => v with { Number = null }).ToList();
        var op = attribute == RunAttribute.Status ? c.Operator switch
        {
            FilterOperator.Like => FilterOperator.ILike,
            FilterOperator.NotLike => FilterOperator.NotILike,
            _ => c.Operator,
        } : c.Operator;
        return Expression.AndAlso(
            Expression.NotEqual(text, Expression.Constant(null, typeof(string))),
            Apply(TextPredicate(op, values), text));
    }

    private Expression<Func<double, bool>> NumberPredicate(FilterOperator op, IReadOnlyList<FilterLiteral> values)
    {
        var x = Expression.Parameter(typeof(double), "x");
        return Expression.Lambda<Func<double, bool>>(NumberTest(op, x, values.Select(v => v.Number!.Value).ToList()), x);
    }

    private static Expression NumberTest(FilterOperator op, Expression x, IReadOnlyList<double> values)
    {
        var first = Captured(values[0]);
        return op switch
        {
            FilterOperator.Equal => Expression.Equal(x, first),
            FilterOperator.NotEqual => Expression.NotEqual(x, first),
            FilterOperator.Less => Expression.LessThan(x, first),
            FilterOperator.LessOrEqual => Expression.LessThanOrEqual(x, first),
            FilterOperator.Greater => Expression.GreaterThan(x, first),
            FilterOperator.GreaterOrEqual => Expression.GreaterThanOrEqual(x, first),
            FilterOperator.In => values.Select(v => (Expression)Expression.Equal(x, Captured(v))).Aggregate(Expression.OrElse),
            FilterOperator.NotIn => values.Select(v => (Expression)Expression.NotEqual(x, Captured(v))).Aggregate(Expression.AndAlso),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Not a numeric operator."),
        };
    }

    /// <summary>
    /// Text values compare as numbers when every literal is a number (params.lr &lt; 0.001 on "0.0005"), and then
    /// text that is not a number ("adam") never matches; otherwise as exact, case-sensitive text.
    /// </summary>
    private Expression<Func<string, bool>> TextPredicate(FilterOperator op, IReadOnlyList<FilterLiteral> values)
    {
        var s = Expression.Parameter(typeof(string), "s");
        Expression body;
        switch (op)
        {
            case FilterOperator.Like or FilterOperator.ILike:
                body = Apply(accessor.Like(values[0].Text, op == FilterOperator.ILike), s);
                break;
            case FilterOperator.NotLike or FilterOperator.NotILike:
                body = Expression.Not(Apply(accessor.Like(values[0].Text, op == FilterOperator.NotILike), s));
                break;
            default:
                if (values.All(v => v.Number is not null))
                {
                    body = Expression.AndAlso(Apply(accessor.IsNumber, s),
                        NumberTest(op, Apply(accessor.ToNumber, s), values.Select(v => v.Number!.Value).ToList()));
                }
                else
                {
                    var texts = values.Select(v => v.Text).ToList();
                    body = op switch
                    {
                        FilterOperator.Equal => Expression.Equal(s, Captured(texts[0])),
                        FilterOperator.NotEqual => Expression.NotEqual(s, Captured(texts[0])),
                        FilterOperator.In => texts.Select(t => (Expression)Expression.Equal(s, Captured(t))).Aggregate(Expression.OrElse),
                        FilterOperator.NotIn => texts.Select(t => (Expression)Expression.NotEqual(s, Captured(t))).Aggregate(Expression.AndAlso),
                        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Ordering needs a number; the parser refuses this."),
                    };
                }
                break;
        }
        return Expression.Lambda<Func<string, bool>>(body, s);
    }

    private Expression Inline(LambdaExpression lambda) => Apply(lambda, _run);

    private static Expression Apply(LambdaExpression lambda, Expression argument) =>
        new ParameterReplacer(lambda.Parameters[0], argument).Visit(lambda.Body);

    private static MemberExpression Captured<T>(T value) =>
        Expression.Property(Expression.Constant(new Box<T>(value)), nameof(Box<T>.Value));

    private sealed class Box<T>(T value)
    {
        public T Value { get; } = value;
    }

    private sealed class ParameterReplacer(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : node;
    }
}
