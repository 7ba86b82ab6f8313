namespace FinSight.Dashboard.Components.Charts;

/// <summary>What the x axis of a metric chart measures.</summary>
public enum XAxisMode
{
    Step,
    WallTime,
    RelativeTime,
}

/// <summary>
/// The options a researcher sets for the charts of a page (W&amp;B's workspace settings): x axis, log y,
/// EMA smoothing weight (0 = off), and whether live updates are paused.
/// </summary>
public sealed record ChartView(XAxisMode XAxis = XAxisMode.Step, bool LogY = false, double Smoothing = 0, bool Paused = false);
