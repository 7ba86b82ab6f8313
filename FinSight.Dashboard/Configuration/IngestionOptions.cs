namespace FinSight.Dashboard.Configuration;

/// <summary>The ingestion pipeline (section <c>Ingestion</c>).</summary>
public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>Commands waiting for the writer; when full, producers wait (backpressure, never drops).</summary>
    public int QueueCapacity { get; set; } = 256;

    /// <summary>Most metric points committed in one transaction.</summary>
    public int MaxGroupPoints { get; set; } = 200_000;

    /// <summary>Largest hub message accepted, in bytes (a 10,000-point JSON batch is about 850 KB).</summary>
    public long MaxHubMessageBytes { get; set; } = 4 * 1024 * 1024;
}
