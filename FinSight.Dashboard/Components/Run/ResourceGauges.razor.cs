using FinSight.Core.Contracts;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Components.Shared;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Live;
using Microsoft.AspNetCore.Components;

namespace FinSight.Dashboard.Components.Run;

/// <summary>
/// CPU, memory, disk and per-GPU gauges from a run's latest <c>system/*</c> metrics, each with a small
/// history. The page passes fresh summaries whenever the run changes; histories start from the database
/// and continue from the live store, so a gauge never re-reads what it already shows.
/// </summary>
public sealed partial class ResourceGauges : ComponentBase
{
    private const int HistoryLength = 240;

    private readonly Dictionary<string, GaugeHistory> _histories = new(StringComparer.Ordinal);
    private Dictionary<string, MetricSummary> _latest = new(StringComparer.Ordinal);
    private List<SystemGauge> _gauges = [];
    private bool _hasSystemMetrics;

    [Inject] private TrackingReader Reader { get; set; } = default!;

    [Inject] private FinSight.Dashboard.Access.CurrentCaller Caller { get; set; } = default!;
    [Inject] private LiveMetricsStore Live { get; set; } = default!;

    [Parameter, EditorRequired] public string RunId { get; set; } = "";
    [Parameter, EditorRequired] public IReadOnlyList<MetricSummary> Metrics { get; set; } = [];

    protected override async Task OnParametersSetAsync()
    {
        _latest = Metrics.Where(m => m.Key.StartsWith(SystemGauges.Prefix, StringComparison.Ordinal)).ToDictionary(m => m.Key, StringComparer.Ordinal);
        _hasSystemMetrics = _latest.Count > 0;
        _gauges = [.. SystemGauges.Host, .. SystemGauges.GpuIndices(_latest.Keys).SelectMany(SystemGauges.Gpu)];
        foreach (var gauge in _gauges.Where(g => _latest.ContainsKey(g.Key)))
        {
            if (_histories.TryGetValue(gauge.Key, out var history))
            {
                var (points, total) = Live.ReadSince(RunId, gauge.Key, history.Seen);
                history.Seen = total;
                history.Add(points.Select(p => p.Value));
                continue;
            }
            history = new GaugeHistory { Seen = Live.TotalAppended(RunId, gauge.Key) };
            try
            {
                var stored = await Reader.GetMetricHistoryAsync(Caller.User, RunId, gauge.Key, null, null, HistoryLength);
                history.Add(stored.Points.Select(p => p.Value));
            }
            catch (TrackingException e) when (e.Kind == TrackingErrorKind.NotFound)
            {
                // the summary was read a moment before the run was deleted: show the latest value only
            }
            _histories[gauge.Key] = history;
        }
    }

    private double? Latest(string key) => _latest.TryGetValue(key, out var m) && double.IsFinite(m.Latest) ? m.Latest : null;

    private double? Fraction(SystemGauge gauge, double value)
    {
        var full = gauge.FullScaleKey is { } key ? Latest(key) : gauge.FullScale;
        return full is > 0 ? Math.Clamp(value / full.Value, 0, 1) : null;
    }

    private string FullScaleText(SystemGauge gauge) =>
        gauge.FullScaleKey is { } key && Latest(key) is { } total ? $" / {Display.Number(total)} {gauge.Unit}" : "";

    private IReadOnlyList<double> HistoryOf(string key) => _histories.TryGetValue(key, out var h) ? h.Values : [];

    private sealed class GaugeHistory
    {
        public long Seen { get; set; }

        public List<double> Values { get; } = [];

        public void Add(IEnumerable<double> values)
        {
            Values.AddRange(values);
            if (Values.Count > HistoryLength) Values.RemoveRange(0, Values.Count - HistoryLength);
        }
    }
}
