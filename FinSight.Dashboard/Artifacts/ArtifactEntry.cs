namespace FinSight.Dashboard.Artifacts;

/// <summary>A file or folder in a run's artifacts.</summary>
/// <param name="Path">Normalised, relative to the run's artifact folder ("model/weights.bin").</param>
/// <param name="Size">Bytes; null for a folder.</param>
/// <param name="ModifiedTime">Epoch milliseconds.</param>
public sealed record ArtifactEntry(string Path, string Name, bool IsDirectory, long? Size, long ModifiedTime);
