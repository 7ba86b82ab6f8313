namespace FinSight.Dashboard.Ingestion;

/// <summary>What the writer remembers of a run between groups, so the hot path needs no reads.</summary>
public sealed class RunState(string runId)
{
    public string RunId { get; } = runId;
    public Dictionary<string, SeriesSummary> Series { get; } = new(StringComparer.Ordinal);
}
