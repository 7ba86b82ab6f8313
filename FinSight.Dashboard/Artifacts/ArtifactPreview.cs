using FinSight.Core.Artifacts;

namespace FinSight.Dashboard.Artifacts;

/// <summary>What the run page shows of one file before anyone downloads it.</summary>
/// <param name="Kind">How to show it; a JSON file that does not parse comes back as <see cref="ArtifactPreviewKind.Text"/>.</param>
/// <param name="Text">Text and JSON (pretty-printed) previews.</param>
/// <param name="Rows">CSV previews: the header row first.</param>
/// <param name="Note">Why the preview is partial or plain ("first 256 KB", "not valid JSON"); null when it is whole.</param>
public sealed record ArtifactPreview(ArtifactEntry File, ArtifactPreviewKind Kind, string? Text, IReadOnlyList<IReadOnlyList<string>>? Rows, string? Note);
