namespace FinSight.Dashboard.Reports;

/// <summary>
/// A file stored with a run, as its report lists it. FinSight stores no artifacts yet, so reports are given none;
/// the run report lists whatever it is given here once artifacts exist.
/// </summary>
public sealed record ReportArtifact(string Path, long? SizeBytes);
