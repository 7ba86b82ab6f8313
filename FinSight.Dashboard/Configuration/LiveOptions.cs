namespace FinSight.Dashboard.Configuration;

/// <summary>The in-memory live view of metrics (section <c>Live</c>).</summary>
public sealed class LiveOptions
{
    public const string SectionName = "Live";

    /// <summary>Points held per (run, metric) before trimming.</summary>
    public int BufferCapacity { get; set; } = 1000;

    /// <summary>Newest points kept when a buffer overflows.</summary>
    public int KeepOnOverflow { get; set; } = 500;

    /// <summary>At most one notification per subscription per interval, however fast points arrive.</summary>
    public TimeSpan NotifyInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
