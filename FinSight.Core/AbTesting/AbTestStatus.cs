namespace FinSight.Core.AbTesting;

/// <summary>Where a test is in its life: draft → running → stopped (by hand) or ended (by hand or at its end date).</summary>
public enum AbTestStatus
{
    /// <summary>Defined, not yet serving: assignments are answered, observations refused.</summary>
    Draft,

    /// <summary>Collecting observations.</summary>
    Running,

    /// <summary>Halted early by hand; results stay readable.</summary>
    Stopped,

    /// <summary>Concluded, by hand or at its end date; results stay readable.</summary>
    Ended,
}

/// <summary>The lowercase names the API and pages use.</summary>
public static class AbTestStatuses
{
    /// <summary>"draft", "running", "stopped" or "ended".</summary>
    public static string ToWire(this AbTestStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>Reads a stored or sent status name.</summary>
    public static AbTestStatus Parse(string text) => Enum.Parse<AbTestStatus>(text, ignoreCase: true);

    /// <summary>Whether the test no longer collects observations.</summary>
    public static bool IsFinal(this AbTestStatus status) => status is AbTestStatus.Stopped or AbTestStatus.Ended;
}
