using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using FinSight.Core.Artifacts;
using FinSight.Dashboard.Configuration;
using Microsoft.Extensions.Options;

namespace FinSight.Dashboard.Artifacts;

/// <summary>
/// Reads the first <c>Artifacts:PreviewBytes</c> of a file for the run page (through <see cref="ArtifactService"/>, so
/// READ is checked) and shapes it: text as it is, JSON pretty-printed when it is whole and valid, CSV as rows.
/// Images are not read here: the page draws them from the download route.
/// </summary>
public sealed class ArtifactPreviewReader(ArtifactService artifacts, IOptions<ArtifactOptions> options)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<ArtifactPreview> ReadAsync(ClaimsPrincipal caller, string runId, string path, CancellationToken cancellationToken = default)
    {
        var (content, file) = await artifacts.OpenAsync(caller, runId, path, cancellationToken);
        await using var _ = content;
        var kind = ArtifactPreviewKinds.Of(file.Name);
        if (kind is ArtifactPreviewKind.None or ArtifactPreviewKind.Image) return new ArtifactPreview(file, kind, null, null, null);

        var limit = options.Value.PreviewBytes;
        var (text, cut) = await ReadStartAsync(content, limit, cancellationToken);
        var partial = cut ? $"The first {limit / 1024:N0} KB of {file.Size:N0} bytes." : null;
        return kind switch
        {
            ArtifactPreviewKind.Json when !cut && PrettyJson(text) is { } pretty => new ArtifactPreview(file, kind, pretty, null, null),
            ArtifactPreviewKind.Json => new ArtifactPreview(file, ArtifactPreviewKind.Text, text, null, partial ?? "Not valid JSON; shown as text."),
            ArtifactPreviewKind.Csv => CsvPreview(file, text, cut, partial),
            _ => new ArtifactPreview(file, kind, text, null, partial),
        };
    }

    private ArtifactPreview CsvPreview(ArtifactEntry file, string text, bool cut, string? partial)
    {
        var maxRows = options.Value.PreviewRows;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = file.Name.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? "\t" : ",",
            HasHeaderRecord = false,
            BadDataFound = null,
            MissingFieldFound = null,
        };
        var rows = new List<IReadOnlyList<string>>();
        using (var csv = new CsvParser(new StringReader(text), configuration))
        {
            // One row more than shown tells whether rows were left out; a cut file's last row may be incomplete.
            while (rows.Count <= maxRows && csv.Read()) rows.Add(csv.Record ?? []);
        }
        var more = rows.Count > maxRows || cut;
        if (cut && rows.Count <= maxRows && rows.Count > 1) rows.RemoveAt(rows.Count - 1);
        if (rows.Count > maxRows) rows.RemoveRange(maxRows, rows.Count - maxRows);
        var note = more ? $"The first {Math.Max(rows.Count - 1, 0):N0} rows." : null;
        return new ArtifactPreview(file, ArtifactPreviewKind.Csv, null, rows, note ?? partial);
    }

    private static string? PrettyJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>At most <paramref name="limit"/> bytes as UTF-8 text (invalid bytes become U+FFFD), and whether the file goes on.</summary>
    private static async Task<(string Text, bool Cut)> ReadStartAsync(Stream content, int limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[limit + 1];
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await content.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0) filled += read;
        var cut = filled > limit;
        var length = Math.Min(filled, limit);
        if (cut)
        {
            // Don't end inside a multi-byte character.
            while (length > 0 && (buffer[length] & 0xC0) == 0x80) length--;
        }
        return (new UTF8Encoding(false, false).GetString(buffer, 0, length), cut);
    }
}
