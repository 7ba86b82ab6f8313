namespace FinSight.Core.Analysis.Comparison;

/// <summary>A piece of a finding's sentence: plain text, or a run's name that renderers link to the run.</summary>
/// <param name="Text">The text as it reads in the sentence.</param>
/// <param name="RunId">The run this text names (link to <c>/runs/{RunId}</c>); null for plain text.</param>
public sealed record FindingPart(string Text, string? RunId = null);
