namespace FinSight.Core.Analysis.Kpis;

/// <summary>The runs that started on one UTC day, by outcome.</summary>
/// <param name="Day">The UTC day.</param>
/// <param name="Outcomes">Its runs by outcome.</param>
public readonly record struct DayOutcomes(DateOnly Day, RunOutcomes Outcomes);
