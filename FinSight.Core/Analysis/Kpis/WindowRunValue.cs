namespace FinSight.Core.Analysis.Kpis;

/// <summary>One run in the window with its best value of the chosen metric.</summary>
/// <param name="StartTime">When it started, epoch ms.</param>
/// <param name="Value">Its best value (NaN when it has none).</param>
public readonly record struct WindowRunValue(long StartTime, double Value);
