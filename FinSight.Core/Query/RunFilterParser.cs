using System.Globalization;
using FinSight.Core.Tracking;

namespace FinSight.Core.Query;

/// <summary>
/// Recursive descent over the tokens: <c>or</c> binds loosest, then <c>and</c>, then <c>not</c>.
/// Type rules are checked here, so every mistake is reported with the position of the token at fault.
/// </summary>
internal sealed class RunFilterParser
{
    private const string FieldHelp = "use metrics.<key>, params.<key>, tags.<key> or attributes.<name>";
    private const string OperatorHelp = "=, !=, <, <=, >, >=, in, not in, like or ilike";

    private static readonly Dictionary<string, FilterFieldKind> Prefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["metrics"] = FilterFieldKind.Metric, ["metric"] = FilterFieldKind.Metric,
        ["params"] = FilterFieldKind.Param, ["param"] = FilterFieldKind.Param,
        ["tags"] = FilterFieldKind.Tag, ["tag"] = FilterFieldKind.Tag,
        ["attributes"] = FilterFieldKind.Attribute, ["attribute"] = FilterFieldKind.Attribute, ["attr"] = FilterFieldKind.Attribute,
    };

    /// <summary>Longest filter accepted: far beyond what anyone types, short of what could exhaust the parser.</summary>
    internal const int MaxLength = 4000;

    /// <summary>Deepest nesting of parentheses and 'not' accepted; the parser recurses once per level.</summary>
    internal const int MaxDepth = 64;

    private readonly List<FilterToken> _tokens;
    private int _next;
    private int _depth;

    private RunFilterParser(string text) => _tokens = FilterLexer.Tokenize(text);

    private FilterToken Current => _tokens[_next];

    public static FilterNode? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (text.Length > MaxLength)
            throw new FilterSyntaxException(string.Create(CultureInfo.InvariantCulture, $"The filter is {text.Length:N0} characters long; at most {MaxLength:N0} are accepted"), MaxLength);
        var parser = new RunFilterParser(text);
        var node = parser.ParseOr();
        var rest = parser.Current;
        if (rest.Kind == FilterTokenKind.RightParen)
            throw new FilterSyntaxException("Unexpected ')': no parenthesis is open", rest.Position);
        if (rest.Kind != FilterTokenKind.End)
            throw new FilterSyntaxException($"Expected 'and' or 'or' before {rest.Describe()}", rest.Position);
        return node;
    }

    public static FilterField ParseField(string text)
    {
        var parser = new RunFilterParser(text);
        if (parser.Current.Kind == FilterTokenKind.End) throw new FilterSyntaxException("Expected a field; " + FieldHelp, 0);
        var (field, _) = parser.ReadField();
        if (parser.Current.Kind != FilterTokenKind.End)
            throw new FilterSyntaxException($"Unexpected {parser.Current.Describe()} after the field", parser.Current.Position);
        return field;
    }

    private FilterNode ParseOr()
    {
        var left = ParseAnd();
        while (Current.IsKeyword("or"))
        {
            var keyword = Take();
            left = new OrFilter(left, ParseAnd(keyword));
        }
        return left;
    }

    private FilterNode ParseAnd(FilterToken? after = null)
    {
        var left = ParseUnary(after);
        while (Current.IsKeyword("and"))
        {
            var keyword = Take();
            left = new AndFilter(left, ParseUnary(keyword));
        }
        return left;
    }

    private FilterNode ParseUnary(FilterToken? after)
    {
        if (++_depth > MaxDepth)
            throw new FilterSyntaxException($"Parentheses and 'not' are nested more than {MaxDepth} deep", Current.Position);
        try
        {
            return ParseUnaryAtDepth(after);
        }
        finally
        {
            _depth--;
        }
    }

    private FilterNode ParseUnaryAtDepth(FilterToken? after)
    {
        if (Current.IsKeyword("not"))
        {
            var keyword = Take();
            return new NotFilter(ParseUnary(keyword));
        }
        if (Current.Kind == FilterTokenKind.LeftParen)
        {
            var open = Take();
            var inner = ParseOr();
            if (Current.Kind == FilterTokenKind.End)
                throw new FilterSyntaxException($"Unclosed parenthesis opened at column {open.Position + 1}; add ')'", Current.Position);
            if (Current.Kind != FilterTokenKind.RightParen)
                throw new FilterSyntaxException($"Expected 'and', 'or' or ')' before {Current.Describe()}", Current.Position);
            Take();
            return inner;
        }
        if (Current.Kind is FilterTokenKind.End or FilterTokenKind.RightParen or FilterTokenKind.Operator or FilterTokenKind.Comma
            || Current.IsKeyword("and") || Current.IsKeyword("or"))
        {
            var where = after is null ? "" : $" after '{after.Text}'";
            throw new FilterSyntaxException($"Expected a condition such as metrics.loss < 0.1{where}, found {Current.Describe()}", Current.Position);
        }
        return ParseComparison();
    }

    private FilterNode ParseComparison()
    {
        var (field, position) = ReadField();
        var op = ReadOperator(field);
        var values = op.Operator is FilterOperator.In or FilterOperator.NotIn ? ReadList(op.Token) : [ReadValue(op.Token)];
        Check(field, op.Operator, op.Token, values);
        return new ComparisonFilter(field, op.Operator, values, position);
    }

    private (FilterField Field, int Position) ReadField()
    {
        var token = Current;
        if (token.Kind != FilterTokenKind.Word)
            throw new FilterSyntaxException($"Expected a field ({FieldHelp}), found {token.Describe()}", token.Position);
        Take();
        if ((token.IsKeyword("min") || token.IsKeyword("max")) && Current.Kind == FilterTokenKind.LeftParen)
        {
            var open = Take();
            var (inner, innerPosition) = ReadField();
            if (inner.Kind != FilterFieldKind.Metric || inner.Aggregate != MetricAggregate.Latest)
                throw new FilterSyntaxException($"{token.Text.ToLowerInvariant()}() applies to a metric, e.g. {token.Text.ToLowerInvariant()}(metrics.loss)", innerPosition);
            if (Current.Kind != FilterTokenKind.RightParen)
                throw new FilterSyntaxException($"Expected ')' to close {token.Text.ToLowerInvariant()}( opened at column {open.Position + 1}", Current.Position);
            Take();
            return (inner with { Aggregate = token.IsKeyword("min") ? MetricAggregate.Min : MetricAggregate.Max }, token.Position);
        }

        var dot = token.Text.IndexOf('.');
        // A bare attribute name (status, run_name, start_time…) is an attribute, as in MLflow's search syntax.
        if (dot < 0 && FilterField.AttributeNames.Keys.FirstOrDefault(n => string.Equals(n, token.Text, StringComparison.OrdinalIgnoreCase)) is { } bare)
            return (new FilterField(FilterFieldKind.Attribute, bare), token.Position);
        if (dot <= 0 || !Prefixes.TryGetValue(token.Text[..dot], out var kind))
            throw new FilterSyntaxException($"Unknown field '{token.Text}'; {FieldHelp}", token.Position);
        var prefix = token.Text[..(dot + 1)];
        string key;
        if (dot == token.Text.Length - 1)
        {
            // metrics.`val/loss` or metrics."val loss": the quoted key must follow the dot directly.
            var quoted = Current;
            var adjacent = quoted.Position == token.Position + token.Length;
            if (!adjacent || !(quoted.Kind == FilterTokenKind.Backtick || (quoted.Kind == FilterTokenKind.String && quoted.Quote == '"')))
                throw new FilterSyntaxException($"Expected a key after '{prefix}' (quote keys with spaces in backticks: {prefix}`my key`)", token.Position + token.Length);
            Take();
            key = quoted.Text;
            if (key.Length == 0) throw new FilterSyntaxException($"The key after '{prefix}' is empty", quoted.Position);
        }
        else
        {
            key = token.Text[(dot + 1)..];
        }
        if (kind != FilterFieldKind.Attribute) return (new FilterField(kind, key), token.Position);
        var attribute = FilterField.AttributeNames.Keys.FirstOrDefault(n => string.Equals(n, key, StringComparison.OrdinalIgnoreCase))
            ?? throw new FilterSyntaxException(
                $"Unknown attribute '{key}'; attributes are {string.Join(", ", FilterField.AttributeNames.Keys)}", token.Position);
        return (new FilterField(FilterFieldKind.Attribute, attribute), token.Position);
    }

    private (FilterOperator Operator, FilterToken Token) ReadOperator(FilterField field)
    {
        var token = Current;
        if (token.Kind == FilterTokenKind.Operator)
        {
            Take();
            return (token.Text switch
            {
                "=" or "==" => FilterOperator.Equal,
                "!=" or "<>" => FilterOperator.NotEqual,
                "<" => FilterOperator.Less,
                "<=" => FilterOperator.LessOrEqual,
                ">" => FilterOperator.Greater,
                _ => FilterOperator.GreaterOrEqual,
            }, token);
        }
        if (token.IsKeyword("in")) return (FilterOperator.In, Take());
        if (token.IsKeyword("like")) return (FilterOperator.Like, Take());
        if (token.IsKeyword("ilike")) return (FilterOperator.ILike, Take());
        if (token.IsKeyword("not"))
        {
            var next = _tokens[_next + 1];
            FilterOperator? negated = next.IsKeyword("in") ? FilterOperator.NotIn
                : next.IsKeyword("like") ? FilterOperator.NotLike
                : next.IsKeyword("ilike") ? FilterOperator.NotILike
                : null;
            if (negated is { } op)
            {
                Take();
                var second = Take();
                return (op, second with { Text = $"not {second.Text}" });
            }
        }
        throw new FilterSyntaxException($"Expected an operator ({OperatorHelp}) after {field}, found {token.Describe()}", token.Position);
    }

    private FilterLiteral ReadValue(FilterToken after)
    {
        var token = Current;
        if (token.Kind == FilterTokenKind.String)
        {
            Take();
            return new FilterLiteral(token.Text, null, token.Position);
        }
        if (token.Kind == FilterTokenKind.Word && TryNumber(token.Text, out var number))
        {
            Take();
            return new FilterLiteral(token.Text, number, token.Position);
        }
        if (token.Kind == FilterTokenKind.Word && !IsKeyword(token))
            throw new FilterSyntaxException($"Expected a value after '{after.Text}': put text in quotes, e.g. '{token.Text}'", token.Position);
        throw new FilterSyntaxException($"Expected a value after '{after.Text}', found {token.Describe()}", token.Position);
    }

    private List<FilterLiteral> ReadList(FilterToken after)
    {
        if (Current.Kind != FilterTokenKind.LeftParen)
            throw new FilterSyntaxException($"Expected '(' after '{after.Text}', e.g. {after.Text} ('a', 'b')", Current.Position);
        var open = Take();
        var values = new List<FilterLiteral>();
        while (true)
        {
            if (Current.Kind == FilterTokenKind.RightParen && values.Count == 0)
                throw new FilterSyntaxException($"The list after '{after.Text}' is empty; give at least one value", Current.Position);
            values.Add(ReadValue(values.Count == 0 ? open : _tokens[_next - 1]));
            if (Current.Kind == FilterTokenKind.Comma) { Take(); continue; }
            if (Current.Kind == FilterTokenKind.RightParen) { Take(); return values; }
            if (Current.Kind == FilterTokenKind.End)
                throw new FilterSyntaxException($"Unclosed parenthesis opened at column {open.Position + 1}; add ')'", Current.Position);
            throw new FilterSyntaxException($"Expected ',' or ')' in the list, found {Current.Describe()}", Current.Position);
        }
    }

    private static void Check(FilterField field, FilterOperator op, FilterToken opToken, List<FilterLiteral> values)
    {
        var isLike = op is FilterOperator.Like or FilterOperator.NotLike or FilterOperator.ILike or FilterOperator.NotILike;
        if (isLike)
        {
            if (field.IsNumeric)
                throw new FilterSyntaxException($"'{opToken.Text}' matches text, but {field} is a number; use =, !=, <, <=, >, >=, in or not in", opToken.Position);
            if (values[0].Number is not null)
                throw new FilterSyntaxException($"'{opToken.Text}' needs a quoted pattern, e.g. '%{values[0].Text}%'", values[0].Position);
            return;
        }
        foreach (var value in values)
        {
            if (field.IsNumeric && value.Number is null)
                throw new FilterSyntaxException($"{field} is a number; compare it with a number, not '{value.Text}'", value.Position);
        }
        var ordering = op is FilterOperator.Less or FilterOperator.LessOrEqual or FilterOperator.Greater or FilterOperator.GreaterOrEqual;
        if (ordering && field.Kind == FilterFieldKind.Attribute && !field.IsNumeric)
            throw new FilterSyntaxException(
                $"'{opToken.Text}' compares numbers, and {field} is text; use =, !=, in, not in, like or ilike", opToken.Position);
        if (ordering && values[0].Number is null)
            throw new FilterSyntaxException(
                $"'{opToken.Text}' compares numbers; compare {field} with text using =, !=, in, not in, like or ilike", values[0].Position);
        if (field.Kind == FilterFieldKind.Attribute && field.Attribute == RunAttribute.Status)
        {
            foreach (var value in values)
            {
                if (!RunStatusNames.TryParse(value.Text, out _))
                    throw new FilterSyntaxException(
                        $"'{value.Text}' is not a run status; use {string.Join(", ", Enum.GetValues<RunStatus>().Select(s => s.ToWire()))}", value.Position);
            }
        }
    }

    private static bool IsKeyword(FilterToken token) =>
        token.IsKeyword("and") || token.IsKeyword("or") || token.IsKeyword("not") || token.IsKeyword("in") || token.IsKeyword("like") || token.IsKeyword("ilike");

    internal static bool TryNumber(string text, out double number) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);

    private FilterToken Take() => _tokens[_next++];
}
