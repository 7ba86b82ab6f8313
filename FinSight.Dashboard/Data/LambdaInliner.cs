using System.Linq.Expressions;

namespace FinSight.Dashboard.Data;

/// <summary>Substitutes an expression for a one-parameter lambda's parameter, so lambdas compose into one tree EF Core can translate.</summary>
internal static class LambdaInliner
{
    public static Expression Inline(LambdaExpression lambda, Expression argument) =>
        new ParameterReplacer(lambda.Parameters[0], argument).Visit(lambda.Body);

    private sealed class ParameterReplacer(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : node;
    }
}
