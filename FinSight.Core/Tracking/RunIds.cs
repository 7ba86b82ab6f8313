namespace FinSight.Core.Tracking;

/// <summary>Run ids are 32 lowercase hex characters, as in MLflow.</summary>
public static class RunIds
{
    /// <summary>A new random run id.</summary>
    public static string New() => Guid.NewGuid().ToString("N");

    /// <summary>True when <paramref name="runId"/> has the run-id shape.</summary>
    public static bool IsValid(string? runId)
    {
        if (runId is not { Length: 32 }) return false;
        foreach (var c in runId)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f')) return false;
        }
        return true;
    }
}
