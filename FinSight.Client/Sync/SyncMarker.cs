namespace FinSight.Client.Sync;

/// <summary>
/// <c>.finsight-sync.json</c> in a run folder: the server run the folder was uploaded to. Written as soon as the
/// server run exists (so an interrupted sync resumes into it) and again, completed, after the run is ended.
/// </summary>
public sealed class SyncMarker
{
    /// <summary>The server the run was uploaded to (its base address).</summary>
    public string Server { get; set; } = "";

    /// <summary>The server's experiment id.</summary>
    public string ExperimentId { get; set; } = "";

    /// <summary>The server's run id.</summary>
    public string RunId { get; set; } = "";

    /// <summary>True once everything was uploaded and the server run ended.</summary>
    public bool Completed { get; set; }
}
