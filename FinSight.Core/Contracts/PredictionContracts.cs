using MessagePack;

namespace FinSight.Core.Contracts;

// Prediction series and their financial metrics (DESIGN.md, public contract: POST /api/v1/runs/{runId}/predictions and
// the hub's LogPredictions). The same camelCase names on JSON and MessagePack.

/// <summary>Argument of the hub's <c>LogPredictions</c> and body of <c>POST /api/v1/runs/{runId}/predictions</c>.</summary>
[MessagePackObject]
public sealed class LogPredictionsRequest
{
    /// <summary>The run (taken from the route over HTTP).</summary>
    [Key("runId")] public string? RunId { get; set; }

    /// <summary>
    /// Client-chosen id that makes a resend harmless (at most 64 characters). When absent, the server derives one from the
    /// content, so the same series sent twice is stored once.
    /// </summary>
    [Key("batchId")] public string? BatchId { get; set; }

    /// <summary>The actual values, one per period; at least one, every one finite.</summary>
    [Key("actual")] public List<double>? Actual { get; set; }

    /// <summary>The predictions, as many as <see cref="Actual"/>.</summary>
    [Key("predicted")] public List<double>? Predicted { get; set; }

    /// <summary>
    /// Optional returns of a strategy trading on the predictions, one per period after the first (one fewer than
    /// <see cref="Actual"/>). Derived from the predictions when absent.
    /// </summary>
    [Key("returns")] public List<double>? Returns { get; set; }

    /// <summary>Periods per year for annualizing; 252 when absent.</summary>
    [Key("periodsPerYear")] public double? PeriodsPerYear { get; set; }

    /// <summary>The step the <c>fin/*</c> metrics are logged at; when absent, how many series the run had before (0, 1, 2 …).</summary>
    [Key("step")] public long? Step { get; set; }
}

/// <summary>Answer to <c>LogPredictions</c>: the financial metrics computed, once the series and the metrics are stored.</summary>
[MessagePackObject]
public sealed class PredictionsResult
{
    /// <summary>The run.</summary>
    [Key("runId")] public string RunId { get; set; } = "";

    /// <summary>The batch id the series is stored under (the client's, or the one derived from the content).</summary>
    [Key("batchId")] public string BatchId { get; set; } = "";

    /// <summary>True when this batch id was stored before: nothing was written again, and the metrics are those of the stored series.</summary>
    [Key("duplicate")] public bool Duplicate { get; set; }

    /// <summary>The step the metrics were logged at.</summary>
    [Key("step")] public long Step { get; set; }

    /// <summary>Number of points (actual/predicted pairs).</summary>
    [Key("points")] public int Points { get; set; }

    /// <summary>Actual values equal to 0, excluded from MAPE.</summary>
    [Key("zeroActualsExcluded")] public int ZeroActualsExcluded { get; set; }

    /// <summary>Number of returns the return-based metrics used.</summary>
    [Key("returnCount")] public int ReturnCount { get; set; }

    /// <summary>True when the given returns were used, false when the strategy's returns were derived from the predictions.</summary>
    [Key("returnsGiven")] public bool ReturnsGiven { get; set; }

    /// <summary>Periods per year used.</summary>
    [Key("periodsPerYear")] public double PeriodsPerYear { get; set; }

    /// <summary>Every <c>fin/*</c> metric: a number, or null when undefined for this series (null ones are not logged).</summary>
    [Key("metrics")] public Dictionary<string, double?> Metrics { get; set; } = [];

    /// <summary>Why each null metric is undefined.</summary>
    [Key("undefined")] public Dictionary<string, string> Undefined { get; set; } = [];
}

/// <summary>One stored prediction series, as <c>GET /api/v1/runs/{runId}/predictions</c> returns it.</summary>
public sealed record StoredPredictionSeries(
    string BatchId, long Step, long CreatedAt, int Points, double PeriodsPerYear,
    IReadOnlyList<double> Actual, IReadOnlyList<double> Predicted, IReadOnlyList<double>? Returns);

/// <summary>Answer to <c>GET /api/v1/runs/{runId}/predictions</c>: the run's series, oldest first.</summary>
public sealed record PredictionSeriesList(string RunId, IReadOnlyList<StoredPredictionSeries> Series);
