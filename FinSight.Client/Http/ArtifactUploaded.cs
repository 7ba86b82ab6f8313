namespace FinSight.Client.Http;

/// <summary>The server's answer to an artifact upload.</summary>
/// <param name="Path">The artifact's path under the run.</param>
/// <param name="Size">Bytes stored.</param>
public sealed record ArtifactUploaded(string Path, long Size);
