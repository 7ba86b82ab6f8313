namespace FinSight.Core.Analysis.Comparison;

/// <summary>
/// A recommendation in plain language, built of parts so a page or an HTML report can link the runs it names.
/// The typed details (values, steps) are in the <see cref="ComparisonReport"/>'s lists.
/// </summary>
/// <param name="Kind">What the finding is about.</param>
/// <param name="Parts">The sentence, piece by piece; run names carry their run ids.</param>
public sealed record ComparisonFinding(FindingKind Kind, IReadOnlyList<FindingPart> Parts)
{
    /// <summary>The whole sentence as plain text.</summary>
    public string Sentence => string.Concat(Parts.Select(p => p.Text));

    /// <summary>The runs the sentence names, in order of mention, each once.</summary>
    public IReadOnlyList<string> RunIds => Parts.Where(p => p.RunId is not null).Select(p => p.RunId!).Distinct(StringComparer.Ordinal).ToList();
}
