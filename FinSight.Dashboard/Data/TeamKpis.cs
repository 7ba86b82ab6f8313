using FinSight.Core.Analysis.Kpis;

namespace FinSight.Dashboard.Data;

/// <summary>
/// The team KPIs of one window over the experiments a caller may read: runs are those that started in the window.
/// </summary>
/// <param name="Window">The window summarised.</param>
/// <param name="Experiments">Experiments with at least one run started in the window.</param>
/// <param name="ExperimentsCreated">Experiments created in the window (with or without runs).</param>
/// <param name="Runs">The window's runs by outcome.</param>
/// <param name="Durations">Training time (end − start) of its ended runs; null when none has ended.</param>
/// <param name="GpuHours">GPU-hours of its runs (see <see cref="GpuUsage"/>).</param>
/// <param name="GpuRuns">How many of its runs logged GPU metrics.</param>
/// <param name="Days">Runs per UTC day by outcome, every day of the window.</param>
/// <param name="Weeks">Runs per ISO week by outcome.</param>
/// <param name="MetricKeys">Metric keys its runs logged (system metrics left out), for the metric picker.</param>
public sealed record TeamKpis(
    KpiWindow Window, int Experiments, int ExperimentsCreated, RunOutcomes Runs, DurationSummary? Durations,
    double GpuHours, int GpuRuns, IReadOnlyList<DayOutcomes> Days, IReadOnlyList<WeekOutcomes> Weeks, IReadOnlyList<string> MetricKeys);

/// <summary>An experiment that improved on the chosen metric, with its name for the page.</summary>
public sealed record ImprovedExperiment(ExperimentImprovement Improvement, string Name);

/// <summary>The chosen metric over a window's runs: best and average, and the experiments that improved most.</summary>
public sealed record MetricKpis(MetricKpi Summary, IReadOnlyList<ImprovedExperiment> MostImproved);
