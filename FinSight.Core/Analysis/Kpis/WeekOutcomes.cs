using System.Globalization;

namespace FinSight.Core.Analysis.Kpis;

/// <summary>The runs that started in one ISO week (UTC), by outcome.</summary>
/// <param name="IsoYear">The ISO week-numbering year (which can differ from the calendar year around New Year).</param>
/// <param name="IsoWeek">1 to 53.</param>
/// <param name="Monday">The week's first day.</param>
/// <param name="Outcomes">Its runs by outcome.</param>
public readonly record struct WeekOutcomes(int IsoYear, int IsoWeek, DateOnly Monday, RunOutcomes Outcomes)
{
    /// <summary>ISO 8601's week notation, e.g. 2026-W49.</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture, $"{IsoYear}-W{IsoWeek:00}");
}
