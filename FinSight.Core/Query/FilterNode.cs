namespace FinSight.Core.Query;

/// <summary>A node of a parsed run filter.</summary>
public abstract record FilterNode;

/// <summary>Both sides hold.</summary>
public sealed record AndFilter(FilterNode Left, FilterNode Right) : FilterNode;

/// <summary>Either side holds.</summary>
public sealed record OrFilter(FilterNode Left, FilterNode Right) : FilterNode;

/// <summary>The operand does not hold.</summary>
public sealed record NotFilter(FilterNode Operand) : FilterNode;

/// <summary>Comparison operators of the filter language.</summary>
public enum FilterOperator
{
    /// <summary><c>=</c> or <c>==</c>.</summary>
    Equal,
    /// <summary><c>!=</c> or <c>&lt;&gt;</c>.</summary>
    NotEqual,
    /// <summary><c>&lt;</c>.</summary>
    Less,
    /// <summary><c>&lt;=</c>.</summary>
    LessOrEqual,
    /// <summary><c>&gt;</c>.</summary>
    Greater,
    /// <summary><c>&gt;=</c>.</summary>
    GreaterOrEqual,
    /// <summary><c>in (a, b)</c>.</summary>
    In,
    /// <summary><c>not in (a, b)</c>.</summary>
    NotIn,
    /// <summary><c>like 'pattern'</c>, case-sensitive; % is any text, _ any one character.</summary>
    Like,
    /// <summary><c>not like</c>.</summary>
    NotLike,
    /// <summary><c>ilike 'pattern'</c>, case-insensitive.</summary>
    ILike,
    /// <summary><c>not ilike</c>.</summary>
    NotILike,
}

/// <summary>A literal value: a quoted string, or an unquoted number (then <see cref="Number"/> is set).</summary>
/// <param name="Text">The string, or the number as written.</param>
/// <param name="Number">The number, for unquoted numeric literals.</param>
/// <param name="Position">0-based position in the filter text.</param>
public sealed record FilterLiteral(string Text, double? Number, int Position);

/// <summary>One test of a field against one or more literals.</summary>
/// <param name="Field">What is compared.</param>
/// <param name="Operator">How.</param>
/// <param name="Values">One literal, or the list of <c>in</c>/<c>not in</c>.</param>
/// <param name="Position">0-based position of the field in the filter text.</param>
public sealed record ComparisonFilter(FilterField Field, FilterOperator Operator, IReadOnlyList<FilterLiteral> Values, int Position) : FilterNode;
