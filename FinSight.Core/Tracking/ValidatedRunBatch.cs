namespace FinSight.Core.Tracking;

/// <summary>
/// Metrics, params and tags for one run that passed validation as a whole (made only by <see cref="TrackingValidator.Batch"/>),
/// written all or nothing. It carries no batch id: a resend is written again (MLflow's log-batch has none).
/// </summary>
public sealed class ValidatedRunBatch
{
    internal ValidatedRunBatch(string runId, IncomingPoint[] points, IReadOnlyList<KeyValuePair<string, string>> parameters,
        IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        RunId = runId;
        Points = points;
        Params = parameters;
        Tags = tags;
    }

    /// <summary>The run written to.</summary>
    public string RunId { get; }

    /// <summary>Metric points, defaults applied, in arrival order.</summary>
    public IncomingPoint[] Points { get; }

    /// <summary>Params, one value per key.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Params { get; }

    /// <summary>Tags, the last value of a repeated key kept.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; }
}
