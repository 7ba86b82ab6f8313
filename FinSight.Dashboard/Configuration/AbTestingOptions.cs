namespace FinSight.Dashboard.Configuration;

/// <summary>A/B tests (section <c>AbTesting</c>).</summary>
public sealed class AbTestingOptions
{
    public const string SectionName = "AbTesting";

    /// <summary>How often running tests are checked against their end dates.</summary>
    public TimeSpan EndCheckInterval { get; set; } = TimeSpan.FromSeconds(30);
}
