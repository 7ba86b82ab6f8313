namespace FinSight.Dashboard.Components.Charts;

/// <summary>A run as comparison charts need it: the id to read by, the legend name, and whether points may still arrive.</summary>
public sealed record CompareRun(string RunId, string Name, bool Running);
