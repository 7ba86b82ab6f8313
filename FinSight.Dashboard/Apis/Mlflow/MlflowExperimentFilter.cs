using System.Globalization;
using System.Text.RegularExpressions;
using FinSight.Core.Query;

namespace FinSight.Dashboard.Apis.Mlflow;

/// <summary>
/// MLflow's experiment search filter: comparisons joined by AND on <c>name</c>, <c>creation_time</c>, <c>last_update_time</c>
/// (with or without <c>attributes.</c>) and <c>tags.&lt;key&gt;</c> (quoted with backticks or double quotes when needed).
/// Text compares with =, !=, LIKE, ILIKE; times with =, !=, &lt;, &lt;=, &gt;, &gt;=. Experiments are few, so the filter runs in memory.
/// </summary>
public sealed partial class MlflowExperimentFilter
{
    private readonly List<Func<MlflowExperiment, bool>> _conditions;

    private MlflowExperimentFilter(List<Func<MlflowExperiment, bool>> conditions) => _conditions = conditions;

    public bool Matches(MlflowExperiment experiment) => _conditions.TrueForAll(c => c(experiment));

    public static MlflowExperimentFilter Parse(string? filter)
    {
        var conditions = new List<Func<MlflowExperiment, bool>>();
        if (string.IsNullOrWhiteSpace(filter)) return new(conditions);
        var position = 0;
        while (true)
        {
            var match = Comparison().Match(filter, position);
            if (!match.Success || match.Index != position)
                throw Invalid(filter, $"expected a comparison such as name LIKE 'x%' or tags.team = 'risk' at position {position + 1}");
            conditions.Add(Condition(filter, match));
            position = match.Index + match.Length;
            if (position >= filter.Length) break;
            var and = And().Match(filter, position);
            if (!and.Success || and.Index != position) throw Invalid(filter, $"expected AND at position {position + 1} (OR is not supported)");
            position += and.Length;
        }
        return new(conditions);
    }

    private static Func<MlflowExperiment, bool> Condition(string filter, Match match)
    {
        var op = match.Groups["op"].Value.ToUpperInvariant();
        var literal = match.Groups["text"].Success ? match.Groups["text"].Value : null;
        var number = match.Groups["number"].Success ? match.Groups["number"].Value : null;
        if (match.Groups["tag"].Success)
        {
            var key = match.Groups["tag"].Value.Trim('`', '"');
            var text = literal ?? throw Invalid(filter, $"tags.{key} compares with a quoted string");
            var test = TextTest(filter, op, text);
            return e => e.Tags.FirstOrDefault(t => t.Key == key) is { } tag && test(tag.Value);
        }
        var attribute = match.Groups["attribute"].Value.ToLowerInvariant();
        if (attribute == "name")
        {
            var text = literal ?? throw Invalid(filter, "name compares with a quoted string");
            var test = TextTest(filter, op, text);
            return e => test(e.Name);
        }
        if (number is null || !long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var time))
            throw Invalid(filter, $"{attribute} compares with a whole number of epoch milliseconds");
        Func<long, bool> compare = op switch
        {
            "=" => v => v == time,
            "!=" => v => v != time,
            "<" => v => v < time,
            "<=" => v => v <= time,
            ">" => v => v > time,
            ">=" => v => v >= time,
            _ => throw Invalid(filter, $"{attribute} compares with =, !=, <, <=, > or >="),
        };
        return attribute == "creation_time" ? e => compare(e.CreationTime) : e => compare(e.LastUpdateTime);
    }

    private static Func<string, bool> TextTest(string filter, string op, string text) => op switch
    {
        "=" => v => v == text,
        "!=" => v => v != text,
        "LIKE" => LikePattern.ToRegex(text, ignoreCase: false).IsMatch,
        "ILIKE" => LikePattern.ToRegex(text, ignoreCase: true).IsMatch,
        _ => throw Invalid(filter, $"text compares with =, !=, LIKE or ILIKE, not {op}"),
    };

    private static MlflowException Invalid(string filter, string problem) =>
        MlflowException.InvalidParameter($"Invalid filter '{filter}': {problem}.");

    [GeneratedRegex("""\G\s*(?:(?:attributes\.)?(?<attribute>name|creation_time|last_update_time)|tags\.(?<tag>`[^`]+`|"[^"]+"|[\w./:-]+))\s*(?<op>!=|<=|>=|=|<|>|(?i:ilike|like)\b)\s*(?:'(?<text>[^']*)'|"(?<text>[^"]*)"|(?<number>-?\d+))\s*""", RegexOptions.IgnoreCase)]
    private static partial Regex Comparison();

    [GeneratedRegex("""\G(?i:and)\b""")]
    private static partial Regex And();
}
