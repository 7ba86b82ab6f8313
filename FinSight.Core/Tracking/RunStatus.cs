namespace FinSight.Core.Tracking;

/// <summary>Lifecycle of a run, with MLflow's names on the wire.</summary>
public enum RunStatus
{
    /// <summary>Created but not started.</summary>
    Scheduled,
    /// <summary>Logging.</summary>
    Running,
    /// <summary>Ended normally.</summary>
    Finished,
    /// <summary>Ended with an error.</summary>
    Failed,
    /// <summary>Stopped from outside.</summary>
    Killed,
}

/// <summary>Wire names of <see cref="RunStatus"/> (SCHEDULED, RUNNING, FINISHED, FAILED, KILLED).</summary>
public static class RunStatusNames
{
    /// <summary>The upper-case wire name.</summary>
    public static string ToWire(this RunStatus status) => status.ToString().ToUpperInvariant();

    /// <summary>Parses a wire name, case-insensitively.</summary>
    public static bool TryParse(string? text, out RunStatus status)
    {
        status = default;
        return !string.IsNullOrWhiteSpace(text)
            && !int.TryParse(text, out _)
            && Enum.TryParse(text.Trim(), ignoreCase: true, out status)
            && Enum.IsDefined(status);
    }

    /// <summary>True for FINISHED, FAILED and KILLED: the statuses a run can end with.</summary>
    public static bool IsTerminal(this RunStatus status) =>
        status is RunStatus.Finished or RunStatus.Failed or RunStatus.Killed;
}
