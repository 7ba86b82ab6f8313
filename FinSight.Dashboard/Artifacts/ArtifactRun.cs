namespace FinSight.Dashboard.Artifacts;

/// <summary>Which run's artifacts a store call is about: stores lay them out as <c>&lt;experimentId&gt;/&lt;runId&gt;</c>.</summary>
public sealed record ArtifactRun(long ExperimentId, string RunId);
