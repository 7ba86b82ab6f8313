namespace FinSight.Client.Sync;

/// <summary>The result of syncing one run folder.</summary>
/// <param name="Folder">The run folder.</param>
/// <param name="LocalRunId">The run id in the folder's <c>config.json</c> (empty when it could not be read).</param>
/// <param name="ServerRunId">The server run, when one was found or created.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Points">Metric points sent (the server stores each once, however often it is sent).</param>
/// <param name="Params">Params sent.</param>
/// <param name="Artifacts">Artifact files uploaded.</param>
/// <param name="Message">Why it was skipped or failed; null otherwise.</param>
public sealed record RunSyncResult(
    string Folder, string LocalRunId, string? ServerRunId, RunSyncOutcome Outcome, long Points, int Params, int Artifacts, string? Message);
