namespace FinSight.Client.Sync;

/// <summary>What <see cref="RunFolderSync"/> did with one run folder.</summary>
public enum RunSyncOutcome
{
    /// <summary>Uploaded (all of it, or the rest after an interrupted sync).</summary>
    Uploaded,

    /// <summary>The server already has the whole run; nothing was sent.</summary>
    AlreadySynced,

    /// <summary>Not uploaded on purpose (the run has not ended); the message says why.</summary>
    Skipped,

    /// <summary>The upload failed; the message says why. Syncing again resumes it.</summary>
    Failed,
}
