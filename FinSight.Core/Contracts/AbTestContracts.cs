using MessagePack;

namespace FinSight.Core.Contracts;

// A/B tests (DESIGN.md, public contract). Requests that also travel over the ingestion hub carry
// MessagePack keys; the rest are JSON only.

/// <summary>One variant of a test as a client defines it.</summary>
public sealed class AbVariantInput
{
    /// <summary>The variant's label, unique within the test ("control", "treatment-b").</summary>
    public string? Name { get; set; }

    /// <summary>Share of units assigned to it; the weights of a test sum to 1.</summary>
    public double? Weight { get; set; }

    /// <summary>What the variant serves: a run id, <c>models:/&lt;name&gt;/&lt;version&gt;</c> or <c>models:/&lt;name&gt;@&lt;alias&gt;</c> (stored as the version the alias points to at creation).</summary>
    public string? ModelRef { get; set; }
}

/// <summary>One metric of a test: the primary one, or a guardrail.</summary>
public sealed class AbMetricInput
{
    /// <summary>The metric's key, as observations name it.</summary>
    public string? Key { get; set; }

    /// <summary>"binary" (conversion: every value 0 or 1) or "continuous".</summary>
    public string? Type { get; set; }

    /// <summary>"higher" or "lower": which way is better.</summary>
    public string? Direction { get; set; }

    /// <summary>True for a guardrail: a metric that must not get significantly worse.</summary>
    public bool? Guardrail { get; set; }

    /// <summary>The expected control rate (binary) or mean (continuous); needed for a power analysis.</summary>
    public double? Baseline { get; set; }

    /// <summary>The expected standard deviation of a continuous metric; needed for a power analysis.</summary>
    public double? BaselineStdDev { get; set; }
}

/// <summary>Body of <c>POST /api/v1/ab-tests</c>.</summary>
public sealed class CreateAbTestRequest
{
    /// <summary>The test's name, unique within its experiment.</summary>
    public string? Name { get; set; }

    /// <summary>What the test is expected to show.</summary>
    public string? Hypothesis { get; set; }

    /// <summary>The experiment the test belongs to; its permissions apply.</summary>
    public string? ExperimentId { get; set; }

    /// <summary>Two or more variants whose weights sum to 1.</summary>
    public List<AbVariantInput>? Variants { get; set; }

    /// <summary>The name of the control variant.</summary>
    public string? Control { get; set; }

    /// <summary>Exactly one primary metric and any number of guardrails.</summary>
    public List<AbMetricInput>? Metrics { get; set; }

    /// <summary>Significance level; 0.05 when absent.</summary>
    public double? Alpha { get; set; }

    /// <summary>Power for the sample-size calculation; 0.8 when absent.</summary>
    public double? Power { get; set; }

    /// <summary>Units per variant before a winner may be declared (or give <see cref="MinDetectableEffect"/>).</summary>
    public long? MinSampleSize { get; set; }

    /// <summary>Smallest relative lift of the primary metric worth detecting, as a fraction (0.05 = 5%).</summary>
    public double? MinDetectableEffect { get; set; }

    /// <summary>When a running test ends by itself, epoch milliseconds.</summary>
    public long? EndsAt { get; set; }
}

/// <summary>Body of <c>PUT /api/v1/ab-tests/{testId}/split</c>: new weights for every variant.</summary>
public sealed class ChangeSplitRequest
{
    /// <summary>Every variant of the test, by name, with its new weight.</summary>
    public List<AbVariantInput>? Variants { get; set; }
}

/// <summary>Body of <c>POST /api/v1/ab-tests/{testId}/assign</c> and argument of the hub's <c>AssignVariants</c>.</summary>
[MessagePackObject]
public sealed class AssignRequest
{
    /// <summary>The test (taken from the route over HTTP).</summary>
    [Key("testId")] public string? TestId { get; set; }

    /// <summary>The units (users, accounts, requests) to assign.</summary>
    [Key("unitIds")] public List<string?>? UnitIds { get; set; }
}

/// <summary>One unit's variant.</summary>
[MessagePackObject]
public sealed class Assignment
{
    /// <summary>The unit.</summary>
    [Key("unitId")] public string UnitId { get; set; } = "";

    /// <summary>The variant it gets, always the same for this test.</summary>
    [Key("variant")] public string Variant { get; set; } = "";
}

/// <summary>Answer to an assignment request, in the order of the unit ids asked for.</summary>
[MessagePackObject]
public sealed class AssignResult
{
    /// <summary>One assignment per unit id.</summary>
    [Key("assignments")] public List<Assignment> Assignments { get; set; } = [];
}

/// <summary>One unit's outcome on one metric.</summary>
[MessagePackObject]
public sealed class ObservationInput
{
    /// <summary>The unit observed.</summary>
    [Key("unitId")] public string? UnitId { get; set; }

    /// <summary>The variant the unit was served.</summary>
    [Key("variant")] public string? Variant { get; set; }

    /// <summary>The metric's key.</summary>
    [Key("metric")] public string? Metric { get; set; }

    /// <summary>0 or 1 for a binary metric; any finite number for a continuous one.</summary>
    [Key("value")] public MetricValue Value { get; set; }
}

/// <summary>Body of <c>POST /api/v1/ab-tests/{testId}/observations</c> and argument of the hub's <c>LogObservations</c>.</summary>
[MessagePackObject]
public sealed class ObservationBatch
{
    /// <summary>The test (taken from the route over HTTP).</summary>
    [Key("testId")] public string? TestId { get; set; }

    /// <summary>Client-chosen id that makes a resend harmless (at most 64 characters).</summary>
    [Key("batchId")] public string? BatchId { get; set; }

    /// <summary>The observations.</summary>
    [Key("observations")] public List<ObservationInput>? Observations { get; set; }
}

/// <summary>A variant as the API returns it.</summary>
public sealed record AbVariantInfo(string Name, double Weight, string? ModelRef);

/// <summary>A metric as the API returns it.</summary>
public sealed record AbMetricInfo(string Key, string Type, string Direction, bool Guardrail, double? Baseline, double? BaselineStdDev);

/// <summary>A recorded change of the split: when (epoch ms), who, and the weights before and after by variant name.</summary>
public sealed record AbSplitChangeInfo(long Time, string ChangedBy, IReadOnlyDictionary<string, double> OldWeights, IReadOnlyDictionary<string, double> NewWeights);

/// <summary>Answer to <c>GET /api/v1/ab-tests/{testId}</c> and to create, start, stop, end and split changes.</summary>
public sealed record AbTestInfo(
    string TestId, string ExperimentId, string ExperimentName, string Name, string? Hypothesis, string Status,
    string Control, IReadOnlyList<AbVariantInfo> Variants, IReadOnlyList<AbMetricInfo> Metrics,
    double Alpha, double Power, long? MinSampleSize, double? MinDetectableEffect, long PlannedSampleSize,
    long? EndsAt, string CreatedBy, long CreatedAt, long? StartedAt, long? FinishedAt, string? FinishedBy,
    IReadOnlyList<AbSplitChangeInfo> SplitChanges);

/// <summary>Units so far in one variant.</summary>
public sealed record AbVariantUnitsInfo(string Name, long Units);

/// <summary>
/// One row of <c>GET /api/v1/ab-tests</c>: the test and where it stands. <c>Leader</c> is the variant with
/// the best primary-metric mean so far (null without data); <c>Significant</c> says whether the leader differs
/// from control significantly after correction; <c>Verdict</c> is the recommendation's kind (see the results).
/// </summary>
public sealed record AbTestListItem(
    string TestId, string ExperimentId, string ExperimentName, string Name, string Status, string PrimaryMetric,
    IReadOnlyList<AbVariantUnitsInfo> Variants, string? Leader, bool Significant, bool SrmFlagged,
    string? Winner, FinSight.Core.AbTesting.AbVerdict Verdict, long CreatedAt, long? StartedAt);
