namespace FinSight.Dashboard.Configuration;

/// <summary>Where run artifacts live and how big they may be (section <c>Artifacts</c>).</summary>
public sealed class ArtifactOptions
{
    public const string SectionName = "Artifacts";

    /// <summary>
    /// The folder holding <c>&lt;experimentId&gt;/&lt;runId&gt;/&lt;path&gt;</c>; relative folders are resolved against the
    /// current directory. Empty: an <c>artifacts</c> folder beside the database file (<c>data/artifacts</c> by default).
    /// </summary>
    public string? Root { get; set; }

    /// <summary>The largest file one upload may store, in bytes (5 GiB: model checkpoints are big).</summary>
    public long MaxUploadBytes { get; set; } = 5L * 1024 * 1024 * 1024;

    /// <summary>The longest artifact path accepted, in characters.</summary>
    public int MaxPathLength { get; set; } = 1024;

    /// <summary>How much of a text, JSON or CSV file the run page reads for its preview, in bytes.</summary>
    public int PreviewBytes { get; set; } = 256 * 1024;

    /// <summary>Rows of a CSV file the run page's preview shows.</summary>
    public int PreviewRows { get; set; } = 100;
}
