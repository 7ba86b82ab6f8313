namespace FinSight.Dashboard.Configuration;

/// <summary>Where and how tracking data is stored (section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Only <c>Sqlite</c> for now; PostgreSQL comes with the scale-out work.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>A relative <c>Data Source</c> is resolved against the current directory.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/finsight.db";

    /// <summary>
    /// SQLite's <c>synchronous</c> setting for the ingestion writer. <c>Full</c> makes an acknowledged
    /// batch survive power loss, not only a process crash; group commit keeps its cost to one sync per group.
    /// </summary>
    public string Synchronous { get; set; } = "Full";

    /// <summary>How often the compactor looks for small neighbouring chunks to merge.</summary>
    public TimeSpan CompactionInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Chunks are merged until they hold about this many points; the writer splits bigger groups to this size.</summary>
    public int CompactionTargetPoints { get; set; } = 4096;
}
