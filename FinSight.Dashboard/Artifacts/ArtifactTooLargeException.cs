namespace FinSight.Dashboard.Artifacts;

/// <summary>An upload went over <c>Artifacts:MaxUploadBytes</c>; nothing of it was kept. Answered with 413.</summary>
public sealed class ArtifactTooLargeException(long limitBytes)
    : Exception($"The artifact is larger than the limit of {limitBytes:N0} bytes (Artifacts:MaxUploadBytes); nothing was stored.")
{
    public long LimitBytes { get; } = limitBytes;
}
