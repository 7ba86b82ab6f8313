namespace FinSight.Dashboard.Data.Entities;

/// <summary>An A/B test of deployed models; it belongs to an experiment, whose permissions apply.</summary>
public sealed class AbTestEntity
{
    public long Id { get; set; }
    public long ExperimentId { get; set; }
    public required string Name { get; set; }
    public string? Hypothesis { get; set; }
    /// <summary>draft, running, stopped or ended (<see cref="FinSight.Core.AbTesting.AbTestStatus"/>).</summary>
    public required string Status { get; set; }
    /// <summary>The control variant's name.</summary>
    public required string Control { get; set; }
    public double Alpha { get; set; }
    public double Power { get; set; }
    public long? MinSampleSize { get; set; }
    public double? MinDetectableEffect { get; set; }
    /// <summary>Units per variant before a winner may be declared: the minimum sample size, or the power analysis' answer.</summary>
    public long PlannedSampleSize { get; set; }
    /// <summary>When a running test ends by itself (epoch ms), or null.</summary>
    public long? EndsAt { get; set; }
    public required string CreatedBy { get; set; }
    public long CreatedAt { get; set; }
    public long? StartedAt { get; set; }
    /// <summary>When it was stopped or ended.</summary>
    public long? FinishedAt { get; set; }
    /// <summary>Who stopped or ended it; "schedule" when its end date came.</summary>
    public string? FinishedBy { get; set; }
    public List<AbVariantEntity> Variants { get; set; } = [];
    public List<AbMetricEntity> Metrics { get; set; } = [];
    public List<AbSplitChangeEntity> SplitChanges { get; set; } = [];
}

/// <summary>One variant; <see cref="Position"/> is its index, which the statistics tables store instead of the name.</summary>
public sealed class AbVariantEntity
{
    public long TestId { get; set; }
    public int Position { get; set; }
    public required string Name { get; set; }
    public double Weight { get; set; }
    public string? ModelRef { get; set; }
}

/// <summary>One metric of a test; position 0 is the primary metric.</summary>
public sealed class AbMetricEntity
{
    public long TestId { get; set; }
    public int Position { get; set; }
    public required string Key { get; set; }
    /// <summary>binary or continuous.</summary>
    public required string Kind { get; set; }
    /// <summary>higher or lower.</summary>
    public required string Direction { get; set; }
    public bool Guardrail { get; set; }
    public double? Baseline { get; set; }
    public double? BaselineStdDev { get; set; }
}

/// <summary>A change of a test's traffic split: when, by whom, and the weights before and after.</summary>
public sealed class AbSplitChangeEntity
{
    public long Id { get; set; }
    public long TestId { get; set; }
    public long Time { get; set; }
    public required string ChangedBy { get; set; }
    /// <summary>Weights in variant order, invariant-culture round-trip numbers separated by commas.</summary>
    public required string OldWeights { get; set; }
    public required string NewWeights { get; set; }
}

/// <summary>An observation batch id already stored for a test: a resend is acknowledged without writing twice.</summary>
public sealed class AbObservationBatchEntity
{
    public long TestId { get; set; }
    public required string BatchId { get; set; }
    public int ObservationCount { get; set; }
    public long CommittedAt { get; set; }
}

/// <summary>A unit seen in a test, the variant it was served, and when it was first seen: the exposures the sample-ratio check counts.</summary>
public sealed class AbUnitEntity
{
    public long TestId { get; set; }
    public required string UnitId { get; set; }
    public int Variant { get; set; }
    public long FirstSeen { get; set; }
}

/// <summary>Sufficient statistics of one metric in one variant, updated with every batch.</summary>
public sealed class AbMetricTotalsEntity
{
    public long TestId { get; set; }
    public int Variant { get; set; }
    public int Metric { get; set; }
    public long N { get; set; }
    public double Sum { get; set; }
    public double SumSquares { get; set; }
}

/// <summary>What one UTC day (days since 1970-01-01) added to one metric of one variant.</summary>
public sealed class AbDailyTotalsEntity
{
    public long TestId { get; set; }
    public int Day { get; set; }
    public int Variant { get; set; }
    public int Metric { get; set; }
    public long N { get; set; }
    public double Sum { get; set; }
    public double SumSquares { get; set; }
}

/// <summary>Units first seen on one UTC day in one variant.</summary>
public sealed class AbDailyUnitsEntity
{
    public long TestId { get; set; }
    public int Day { get; set; }
    public int Variant { get; set; }
    public long Units { get; set; }
}
