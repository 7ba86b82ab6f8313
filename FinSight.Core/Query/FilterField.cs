using System.Text;

namespace FinSight.Core.Query;

/// <summary>What a filter field or grid column refers to.</summary>
public enum FilterFieldKind
{
    /// <summary><c>metrics.&lt;key&gt;</c>, <c>min(metrics.&lt;key&gt;)</c>, <c>max(metrics.&lt;key&gt;)</c>: a number.</summary>
    Metric,
    /// <summary><c>params.&lt;key&gt;</c>: text, compared as a number against a number.</summary>
    Param,
    /// <summary><c>tags.&lt;key&gt;</c>: text, compared as a number against a number.</summary>
    Tag,
    /// <summary><c>attributes.&lt;name&gt;</c>: one of <see cref="RunAttribute"/>.</summary>
    Attribute,
}

/// <summary>Which of a metric's summaries a field reads.</summary>
public enum MetricAggregate
{
    /// <summary>The last logged value.</summary>
    Latest,
    /// <summary>The smallest value (NaN ignored).</summary>
    Min,
    /// <summary>The largest value (NaN ignored).</summary>
    Max,
}

/// <summary>A run's own attributes that filters can test.</summary>
public enum RunAttribute
{
    /// <summary>RUNNING, FINISHED, …; compared case-insensitively.</summary>
    Status,
    /// <summary>The run's name.</summary>
    RunName,
    /// <summary>The 32-character run id.</summary>
    RunId,
    /// <summary>Who started the run.</summary>
    Owner,
    /// <summary>Start, epoch milliseconds.</summary>
    StartTime,
    /// <summary>End, epoch milliseconds; a running run has none.</summary>
    EndTime,
    /// <summary>Milliseconds from start to end, or to now while running.</summary>
    Duration,
}

/// <summary>
/// A metric, param, tag or attribute of a run, as written in filters (<c>min(metrics.`val/loss`)</c>)
/// and in the grid's column and sort specifications.
/// </summary>
/// <param name="Kind">Metric, param, tag or attribute.</param>
/// <param name="Key">The metric, param or tag key; for attributes the canonical name (e.g. <c>start_time</c>).</param>
/// <param name="Aggregate">For metrics, which summary; <see cref="MetricAggregate.Latest"/> otherwise.</param>
public sealed record FilterField(FilterFieldKind Kind, string Key, MetricAggregate Aggregate = MetricAggregate.Latest)
{
    /// <summary>Attribute names as written after <c>attributes.</c>.</summary>
    public static readonly IReadOnlyDictionary<string, RunAttribute> AttributeNames =
        new Dictionary<string, RunAttribute>(StringComparer.OrdinalIgnoreCase)
        {
            ["status"] = RunAttribute.Status,
            ["run_name"] = RunAttribute.RunName,
            ["run_id"] = RunAttribute.RunId,
            ["owner"] = RunAttribute.Owner,
            ["user_id"] = RunAttribute.Owner, // MLflow's name for who started the run
            ["start_time"] = RunAttribute.StartTime,
            ["end_time"] = RunAttribute.EndTime,
            ["duration"] = RunAttribute.Duration,
        };

    /// <summary>The attribute, when <see cref="Kind"/> is <see cref="FilterFieldKind.Attribute"/>.</summary>
    public RunAttribute Attribute => Kind == FilterFieldKind.Attribute ? AttributeNames[Key] : throw new InvalidOperationException($"{this} is not an attribute.");

    /// <summary>True when the field holds numbers (metrics, times, duration).</summary>
    public bool IsNumeric => Kind == FilterFieldKind.Metric
        || (Kind == FilterFieldKind.Attribute && Attribute is RunAttribute.StartTime or RunAttribute.EndTime or RunAttribute.Duration);

    /// <summary>Reads one field, e.g. a column or sort specification; throws <see cref="FilterSyntaxException"/>.</summary>
    public static FilterField Parse(string text) => RunFilterParser.ParseField(text);

    /// <summary>The field in filter syntax, quoting the key with backticks when it is not a bare key.</summary>
    public override string ToString()
    {
        var prefix = Kind switch
        {
            FilterFieldKind.Metric => "metrics.",
            FilterFieldKind.Param => "params.",
            FilterFieldKind.Tag => "tags.",
            _ => "attributes.",
        };
        var key = IsBareKey(Key) ? Key : "`" + Key.Replace("`", "``", StringComparison.Ordinal) + "`";
        var field = prefix + key;
        return Aggregate switch
        {
            MetricAggregate.Min => $"min({field})",
            MetricAggregate.Max => $"max({field})",
            _ => field,
        };
    }

    /// <summary>A heading for a grid column: the key, with min/max spelled out.</summary>
    public string Label()
    {
        var label = new StringBuilder(Key);
        if (Aggregate != MetricAggregate.Latest) label.Append(Aggregate == MetricAggregate.Min ? " (min)" : " (max)");
        return label.ToString();
    }

    internal static bool IsBareKeyChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '/' or '-' or '.';

    private static bool IsBareKey(string key) => key.Length > 0 && key.All(IsBareKeyChar);
}
