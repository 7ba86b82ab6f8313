using System.Text.RegularExpressions;
using FinSight.Core.Query;
using FinSight.Core.Tracking;

namespace FinSight.Core.Registry;

/// <summary>One condition of a registry search: <c>name LIKE '%fx%'</c>, <c>run_id IN ('a','b')</c>, <c>tags.team = 'fx'</c>.</summary>
/// <param name="Field">The attribute (<c>name</c>, <c>run_id</c>, …) or <c>tags.&lt;key&gt;</c>.</param>
/// <param name="Operator">=, !=, LIKE, ILIKE or IN (upper case).</param>
/// <param name="Values">The compared values (one, or several for IN).</param>
public sealed record RegistryFilterClause(string Field, string Operator, IReadOnlyList<string> Values)
{
    // LIKE and ILIKE patterns become regexes once per clause, not once per row searched.
    private Regex? _like;

    /// <summary>Whether <paramref name="value"/> (null: the attribute or tag is absent) satisfies this condition.</summary>
    public bool Matches(string? value)
    {
        if (value is null) return false;
        return Operator switch
        {
            "=" => value == Values[0],
            "!=" => value != Values[0],
            "IN" => Values.Contains(value),
            _ => (_like ??= LikePattern.ToRegex(Values[0], ignoreCase: Operator == "ILIKE")).IsMatch(value),
        };
    }
}

/// <summary>
/// MLflow's search filter for registered models and model versions: conditions joined by AND, each
/// <c>&lt;field&gt; &lt;op&gt; &lt;value&gt;</c> with string values in single or double quotes.
/// </summary>
public static class RegistryFilter
{
    /// <summary>Fields a registered-model search may filter on (besides <c>tags.&lt;key&gt;</c>).</summary>
    public static readonly IReadOnlyList<string> ModelFields = ["name"];

    /// <summary>Fields a model-version search may filter on (besides <c>tags.&lt;key&gt;</c>).</summary>
    public static readonly IReadOnlyList<string> VersionFields = ["name", "run_id", "source_path", "version_number"];

    private static readonly Regex Token = new(
        """\G\s*(?:(?<str>'(?:[^']|'')*'|"(?:[^"]|"")*")|(?<op>!=|=|\(|\)|,)|(?<word>`[^`]*`|[A-Za-z_]\w*(?:\.(?:`[^`]*`|[\w.\-]+))?|\d+))""",
        RegexOptions.CultureInvariant);

    /// <summary>Parses <paramref name="filter"/> (null or blank: no conditions) against the fields allowed.</summary>
    public static IReadOnlyList<RegistryFilterClause> Parse(string? filter, IReadOnlyList<string> fields)
    {
        if (string.IsNullOrWhiteSpace(filter)) return [];
        var tokens = Tokenize(filter);
        var clauses = new List<RegistryFilterClause>();
        var i = 0;
        while (true)
        {
            var field = Field(Next(tokens, ref i, filter, "a field"), fields, filter);
            var op = Next(tokens, ref i, filter, "an operator").ToUpperInvariant();
            if (op is not ("=" or "!=" or "LIKE" or "ILIKE" or "IN"))
                throw Invalid(filter, $"'{op}' is not an operator here; use =, !=, LIKE, ILIKE or IN");
            if (field is "version_number" && op is "LIKE" or "ILIKE")
                throw Invalid(filter, "version_number compares with =, != or IN");
            var values = new List<string>();
            if (op == "IN")
            {
                if (Next(tokens, ref i, filter, "'('") != "(") throw Invalid(filter, "IN takes a list in parentheses, such as ('a', 'b')");
                while (true)
                {
                    values.Add(Value(Next(tokens, ref i, filter, "a value"), filter));
                    var separator = Next(tokens, ref i, filter, "',' or ')'");
                    if (separator == ")") break;
                    if (separator != ",") throw Invalid(filter, $"expected ',' or ')' in the IN list, got '{separator}'");
                }
            }
            else values.Add(Value(Next(tokens, ref i, filter, "a value"), filter));
            clauses.Add(new RegistryFilterClause(field, op, values));
            if (i == tokens.Count) return clauses;
            var conjunction = tokens[i++];
            if (!conjunction.Equals("AND", StringComparison.OrdinalIgnoreCase))
                throw Invalid(filter, $"conditions are joined with AND; got '{conjunction}'");
        }
    }

    private static List<string> Tokenize(string filter)
    {
        var tokens = new List<string>();
        var position = 0;
        while (position < filter.Length && !string.IsNullOrWhiteSpace(filter[position..]))
        {
            var match = Token.Match(filter, position);
            if (!match.Success) throw Invalid(filter, $"cannot read it from position {position + 1} ('{TrackingValidator.Truncate(filter[position..].Trim())}')");
            tokens.Add(match.Value.Trim());
            position = match.Index + match.Length;
        }
        return tokens;
    }

    private static string Next(List<string> tokens, ref int i, string filter, string expected) =>
        i < tokens.Count ? tokens[i++] : throw Invalid(filter, $"it ends where {expected} is expected");

    private static string Field(string token, IReadOnlyList<string> fields, string filter)
    {
        var unquoted = token.Trim('`');
        if (unquoted.StartsWith("tags.", StringComparison.OrdinalIgnoreCase) && unquoted.Length > 5)
            return "tags." + unquoted[5..].Trim('`');
        var field = unquoted.ToLowerInvariant();
        return fields.Contains(field) ? field
            : throw Invalid(filter, $"'{token}' is not a field you can search on; use {string.Join(", ", fields)} or tags.<key>");
    }

    private static string Value(string token, string filter)
    {
        if (token.Length >= 2 && token[0] is '\'' or '"' && token[^1] == token[0])
            return token[1..^1].Replace(new string(token[0], 2), token[0].ToString(), StringComparison.Ordinal);
        if (token.All(char.IsAsciiDigit)) return token;
        throw Invalid(filter, $"{token} is not a value; put strings in quotes, such as 'my-model'");
    }

    private static TrackingException Invalid(string filter, string why) =>
        TrackingException.Invalid($"filter \"{TrackingValidator.Truncate(filter)}\" is not a valid search: {why}.");
}
