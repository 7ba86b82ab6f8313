namespace FinSight.Core.Contracts;

/// <summary>Answer to <c>PUT /api/v1/runs/{runId}/artifacts/{path}</c>: where the file was stored and its size in bytes.</summary>
public sealed record ArtifactStored(string Path, long Size);

/// <summary>One file or folder in <see cref="ArtifactListing"/>.</summary>
/// <param name="Path">Relative to the run's artifact folder.</param>
/// <param name="IsDir">True for a folder.</param>
/// <param name="Size">Bytes; null for a folder.</param>
public sealed record ArtifactFileInfo(string Path, bool IsDir, long? Size);

/// <summary>Answer to <c>GET /api/v1/runs/{runId}/artifacts?path=</c>: what is directly in the folder <see cref="Path"/> ("" for the run's own).</summary>
public sealed record ArtifactListing(string Path, IReadOnlyList<ArtifactFileInfo> Files);
