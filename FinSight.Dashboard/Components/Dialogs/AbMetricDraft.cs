using FinSight.Core.Contracts;

namespace FinSight.Dashboard.Components.Dialogs;

/// <summary>A metric (primary or guardrail) as the A/B test dialog edits it, before the service validates it.</summary>
public sealed class AbMetricDraft
{
    public const string Binary = "binary";
    public const string Continuous = "continuous";

    public string? Key { get; set; }

    /// <summary>"binary" or "continuous", as the API spells it.</summary>
    public string Type { get; set; } = Binary;

    /// <summary>"higher" or "lower": which way is better.</summary>
    public string Direction { get; set; } = "higher";

    /// <summary>The expected control rate or mean, for the power analysis.</summary>
    public double? Baseline { get; set; }

    /// <summary>The expected standard deviation of a continuous metric, for the power analysis.</summary>
    public double? BaselineStdDev { get; set; }

    public bool IsBinary => Type == Binary;

    /// <param name="guardrail">Whether this is a guardrail rather than the primary metric.</param>
    /// <param name="withBaseline">Whether the baseline is sent (only the primary's, and only for a power analysis).</param>
    public AbMetricInput ToInput(bool guardrail, bool withBaseline) => new()
    {
        Key = Key?.Trim(),
        Type = Type,
        Direction = Direction,
        Guardrail = guardrail,
        Baseline = withBaseline ? Baseline : null,
        BaselineStdDev = withBaseline && !IsBinary ? BaselineStdDev : null,
    };
}
