namespace FinSight.Dashboard.Reports;

/// <summary>A file stored with a run, as its report lists it (path relative to the run's artifact folder, size in bytes).</summary>
public sealed record ReportArtifact(string Path, long? SizeBytes);
