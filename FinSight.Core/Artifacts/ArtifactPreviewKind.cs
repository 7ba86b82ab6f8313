namespace FinSight.Core.Artifacts;

/// <summary>How the run page shows a file before anyone downloads it.</summary>
public enum ArtifactPreviewKind
{
    /// <summary>Not shown: only a download link.</summary>
    None,
    /// <summary>The first part of the file as monospaced text.</summary>
    Text,
    /// <summary>Pretty-printed JSON.</summary>
    Json,
    /// <summary>A table of the first rows.</summary>
    Csv,
    /// <summary>An image drawn by the browser from the download route (SVG too, but only ever as an image).</summary>
    Image,
}

/// <summary>Chooses the preview from a file's extension (contents are never sniffed: a name says what the page may do).</summary>
public static class ArtifactPreviewKinds
{
    private static readonly Dictionary<string, ArtifactPreviewKind> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = ArtifactPreviewKind.Text, [".log"] = ArtifactPreviewKind.Text, [".md"] = ArtifactPreviewKind.Text,
        [".py"] = ArtifactPreviewKind.Text, [".yaml"] = ArtifactPreviewKind.Text, [".yml"] = ArtifactPreviewKind.Text,
        [".toml"] = ArtifactPreviewKind.Text, [".ini"] = ArtifactPreviewKind.Text, [".cfg"] = ArtifactPreviewKind.Text,
        [".sh"] = ArtifactPreviewKind.Text, [".xml"] = ArtifactPreviewKind.Text, [".html"] = ArtifactPreviewKind.Text,
        [".json"] = ArtifactPreviewKind.Json, [".jsonl"] = ArtifactPreviewKind.Text,
        [".csv"] = ArtifactPreviewKind.Csv, [".tsv"] = ArtifactPreviewKind.Csv,
        [".png"] = ArtifactPreviewKind.Image, [".jpg"] = ArtifactPreviewKind.Image, [".jpeg"] = ArtifactPreviewKind.Image,
        [".gif"] = ArtifactPreviewKind.Image, [".svg"] = ArtifactPreviewKind.Image, [".webp"] = ArtifactPreviewKind.Image,
    };

    /// <summary>The preview for a file named <paramref name="name"/>; files without a known extension get none.</summary>
    public static ArtifactPreviewKind Of(string name)
    {
        if (name.Equals("MLmodel", StringComparison.Ordinal) || name.Equals("requirements.txt", StringComparison.Ordinal)) return ArtifactPreviewKind.Text;
        var dot = name.LastIndexOf('.');
        return dot >= 0 && ByExtension.TryGetValue(name[dot..], out var kind) ? kind : ArtifactPreviewKind.None;
    }
}
