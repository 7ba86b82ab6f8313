namespace FinSight.Client.RunFolders;

/// <summary>The content of a run folder's <c>config.json</c>.</summary>
public sealed class RunConfig
{
    /// <summary>The run's local id: 32 lowercase hex characters, like a server run id.</summary>
    public string RunId { get; set; } = "";

    /// <summary>The experiment the run belongs to.</summary>
    public string Experiment { get; set; } = "";

    /// <summary>The run's display name.</summary>
    public string? RunName { get; set; }

    /// <summary>RUNNING until the run ends, then FINISHED, FAILED or KILLED.</summary>
    public string Status { get; set; } = "RUNNING";

    /// <summary>Start time, epoch milliseconds.</summary>
    public long StartTime { get; set; }

    /// <summary>End time, epoch milliseconds; null while running.</summary>
    public long? EndTime { get; set; }

    /// <summary>The server run this one continues, when a <see cref="Tracking.FinSightTracker"/> spilled it after the server had created it.</summary>
    public string? ServerRunId { get; set; }

    /// <summary>Params (a param keeps its first value).</summary>
    public SortedDictionary<string, string> Params { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Tags (the last value wins).</summary>
    public SortedDictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A new RUNNING run with a fresh id.</summary>
    public static RunConfig Start(string experiment, string? runName, IReadOnlyDictionary<string, string>? parameters,
        IReadOnlyDictionary<string, string>? tags, long startTime)
    {
        var config = new RunConfig { RunId = Guid.NewGuid().ToString("N"), Experiment = experiment, RunName = runName, StartTime = startTime };
        foreach (var (key, value) in parameters ?? new Dictionary<string, string>()) config.Params[key] = value;
        foreach (var (key, value) in tags ?? new Dictionary<string, string>()) config.Tags[key] = value;
        return config;
    }
}
