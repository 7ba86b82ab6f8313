using System.Linq.Expressions;

namespace FinSight.Core.Query;

/// <summary>
/// A parsed run filter in MLflow's search syntax, extended with min()/max() of metrics, e.g.
/// <c>metrics.val_loss &lt; 0.1 and params.optimizer = "adam" or min(metrics.`val/loss`) &lt;= 0.05</c>.
/// </summary>
/// <remarks>
/// Semantics: a run without the metric, param or tag in a comparison (or whose metric value is NaN) fails that
/// comparison, including <c>!=</c>, <c>not in</c> and <c>not like</c>: "params.optimizer != 'adam'" selects runs
/// that logged another optimizer, not runs that logged none. <c>not (…)</c> negates a whole condition, so
/// <c>not params.optimizer = 'adam'</c> does include runs without the param. Params and tags compare as numbers
/// when every literal is a number, and a value that is not a number then never matches. <c>like</c> is
/// case-sensitive, <c>ilike</c> is not (ASCII letters only in the database); % is any text, _ any one character.
/// </remarks>
public sealed class RunFilter
{
    /// <summary>The filter that keeps every run.</summary>
    public static readonly RunFilter All = new(null, "");

    private RunFilter(FilterNode? root, string text)
    {
        Root = root;
        Text = text;
    }

    /// <summary>The parsed condition; null when the filter is empty.</summary>
    public FilterNode? Root { get; }

    /// <summary>The text the filter was parsed from.</summary>
    public string Text { get; }

    /// <summary>True when the filter keeps every run.</summary>
    public bool IsEmpty => Root is null;

    /// <summary>Parses filter text; empty or blank text keeps every run.</summary>
    /// <exception cref="FilterSyntaxException">The text is not a valid filter; the exception says where and why.</exception>
    public static RunFilter Parse(string? text)
    {
        var root = RunFilterParser.Parse(text);
        return root is null ? All : new RunFilter(root, text!);
    }

    /// <summary>Parses filter text, returning the error instead of throwing it.</summary>
    public static bool TryParse(string? text, out RunFilter filter, out FilterSyntaxException? error)
    {
        try
        {
            filter = Parse(text);
            error = null;
            return true;
        }
        catch (FilterSyntaxException e)
        {
            filter = All;
            error = e;
            return false;
        }
    }

    /// <summary>The filter as a predicate over <typeparamref name="TRun"/>, reading values through <paramref name="accessor"/>.</summary>
    /// <param name="accessor">How to reach metrics, params, tags and attributes of a run.</param>
    /// <param name="nowMs">"Now" in epoch milliseconds: the end of a running run's duration.</param>
    public Expression<Func<TRun, bool>> ToExpression<TRun>(IRunFilterAccessor<TRun> accessor, long nowMs) =>
        new RunFilterCompiler<TRun>(accessor, nowMs).Compile(Root);

    /// <inheritdoc />
    public override string ToString() => Text;
}
