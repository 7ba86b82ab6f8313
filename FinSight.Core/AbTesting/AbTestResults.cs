using System.Text.Json.Serialization;

namespace FinSight.Core.AbTesting;

// What the statistics engine answers: the body of GET /api/v1/ab-tests/{testId}/results and what
// the test page shows. Undefined quantities (a mean of nothing, a lift over a zero control) are
// null, never NaN, so every value serialises as a JSON number or null.

/// <summary>The whole analysis of a test.</summary>
/// <param name="Status">"draft", "running", "stopped" or "ended".</param>
/// <param name="Srm">The sample-ratio-mismatch check.</param>
/// <param name="Metrics">The primary metric first, then the guardrails, in definition order.</param>
/// <param name="Winner">The variant to ship, or null.</param>
/// <param name="Recommendation">One sentence a user can act on.</param>
/// <param name="Verdict">The recommendation's kind, for pages and clients that branch on it.</param>
/// <param name="Correction">The multiple-comparison correction applied ("holm-bonferroni").</param>
/// <param name="Comparisons">How many p-values the correction spans (treatments × metrics).</param>
/// <param name="PlannedSampleSize">Units per variant the test needs before a winner may be declared.</param>
/// <param name="SampleSizeReached">Whether every variant has that many observations of the primary metric.</param>
/// <param name="Timeline">Cumulative results per day (UTC), for the charts.</param>
public sealed record AbTestResults(
    string Status,
    AbSrmResult Srm,
    IReadOnlyList<AbMetricResult> Metrics,
    string? Winner,
    string Recommendation,
    AbVerdict Verdict,
    string Correction,
    int Comparisons,
    long PlannedSampleSize,
    bool SampleSizeReached,
    AbTimeline Timeline);

/// <summary>The kind of recommendation; JSON carries the camelCase names ("ship", "keepRunning", ...).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AbVerdict>))]
public enum AbVerdict
{
    /// <summary>No observations yet.</summary>
    [JsonStringEnumMemberName("noData")] NoData,
    /// <summary>A sample ratio mismatch makes the results untrustworthy.</summary>
    [JsonStringEnumMemberName("sampleRatioMismatch")] SampleRatioMismatch,
    /// <summary>A guardrail is significantly harmed: stop.</summary>
    [JsonStringEnumMemberName("guardrailHarmed")] GuardrailHarmed,
    /// <summary>The planned sample size is not reached yet.</summary>
    [JsonStringEnumMemberName("keepRunning")] KeepRunning,
    /// <summary>A variant wins: ship it.</summary>
    [JsonStringEnumMemberName("ship")] Ship,
    /// <summary>Planned size reached, no significant winner.</summary>
    [JsonStringEnumMemberName("inconclusive")] Inconclusive,
}

/// <summary>Chi-square test of units per variant against the split; flagged at p &lt; 0.001.</summary>
public sealed record AbSrmResult(double? PValue, bool Flagged, IReadOnlyList<AbSrmVariant> Variants);

/// <summary>One variant's units against its expected share.</summary>
public sealed record AbSrmVariant(string Name, long Units, double ExpectedShare, double? ObservedShare);

/// <summary>One metric's results per variant (control first).</summary>
public sealed record AbMetricResult(string Key, string Type, string Direction, bool Guardrail, IReadOnlyList<AbVariantResult> Variants);

/// <summary>
/// One variant on one metric. Lifts compare with control (<c>lift</c> relative, as a fraction;
/// <c>absoluteLift</c> in the metric's unit); all comparison fields are null for control itself.
/// <c>Better</c> says whether the difference is significant (after correction) in the good direction,
/// <c>Worse</c> whether significant in the bad one.
/// </summary>
public sealed record AbVariantResult(
    string Name,
    bool IsControl,
    long N,
    double? Mean,
    double? CiLow,
    double? CiHigh,
    double? Lift,
    double? LiftCiLow,
    double? LiftCiHigh,
    double? AbsoluteLift,
    double? AbsoluteLiftCiLow,
    double? AbsoluteLiftCiHigh,
    double? PValue,
    double? PValueAdjusted,
    double? ChanceToBeatControl,
    double? ExpectedLoss,
    bool Better,
    bool Worse);

/// <summary>Cumulative results day by day.</summary>
public sealed record AbTimeline(IReadOnlyList<AbTimelinePoint> Days);

/// <summary>
/// The state at the end of one day (UTC): cumulative units per variant, the SRM p-value so far, and
/// each treatment's cumulative relative lift on the primary metric with its confidence interval.
/// </summary>
public sealed record AbTimelinePoint(
    DateOnly Day,
    IReadOnlyDictionary<string, long> Units,
    double? SrmPValue,
    IReadOnlyDictionary<string, AbLiftPoint> PrimaryLift);

/// <summary>A relative lift and its interval (fractions); null parts when undefined.</summary>
public sealed record AbLiftPoint(double? Lift, double? CiLow, double? CiHigh);
