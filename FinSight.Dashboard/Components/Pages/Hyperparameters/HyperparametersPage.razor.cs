using System.Globalization;
using FinSight.Core.Analysis;
using FinSight.Core.Analysis.Hyperparameters;
using FinSight.Core.Contracts;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Components.Shared;
using FinSight.Dashboard.Data;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FinSight.Dashboard.Components.Pages.Hyperparameters;

/// <summary>
/// Which params matter for a metric across an experiment's finished runs: pick the target (the validation loss by
/// default), best or last value and direction (saved or inferred by default); see the recommendations, a table of
/// importance, correlations and optimal ranges, importance bars, a scatter per param and parallel coordinates.
/// With too few usable runs the page says how many more are needed instead of showing numbers.
/// </summary>
public sealed partial class HyperparametersPage : ComponentBase
{
    private ExperimentInfo? _experiment;
    private string? _notFound;
    /// <summary>Why the caller may not see this experiment (no READ on it), shown instead of its data.</summary>
    private string? _forbidden;
    private string? _problem;
    private IReadOnlyList<string> _targets = [];
    private IReadOnlyDictionary<string, MetricDirection> _savedDirections = new Dictionary<string, MetricDirection>();
    private string? _target;
    private MetricAggregate _aggregate = MetricAggregate.Best;
    private MetricDirection _direction;
    private HyperparameterReport? _report;
    private IReadOnlyList<HyperparameterRun> _usable = [];
    private IReadOnlySet<string> _best = new HashSet<string>();
    private IReadOnlyList<ParamRow> _parcoordsParams = [];
    private IReadOnlyList<double?> _parcoordsValues = [];
    /// <summary>Changes with every analysis, so the scatter charts are rebuilt rather than patched.</summary>
    private int _analysedKey;
    private bool _busy;
    private string? _loadedFor;

    [Inject] private TrackingReader Reader { get; set; } = default!;
    [Inject] private HyperparameterReader Hyperparameters { get; set; } = default!;
    [Inject] private CurrentCaller Caller { get; set; } = default!;

    [Parameter] public string ExperimentId { get; set; } = "";

    private string BestPercent => Hyperparameters.BestFraction.ToString("P0", CultureInfo.InvariantCulture).Replace(" ", "");

    private string TargetLabel => $"{_target} ({(_aggregate == MetricAggregate.Best ? "best" : "last")})";

    private IReadOnlyList<ParameterAnalysis> Varying =>
        _report?.Analysis.Parameters.Where(p => p.Effect != ParameterEffect.Constant).ToList() ?? [];

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor == ExperimentId) return;
        _loadedFor = ExperimentId;
        (_experiment, _notFound, _forbidden, _problem, _report, _target) = (null, null, null, null, null, null);
        try
        {
            _experiment = await Reader.GetExperimentAsync(Caller.User, ExperimentId);
            _targets = await Hyperparameters.ListTargetsAsync(Caller.User, ExperimentId);
            _savedDirections = await Reader.GetMetricDirectionsAsync(Caller.User, ExperimentId);
            _target = HyperparameterReader.DefaultTarget(_targets) ?? _targets.FirstOrDefault();
            if (_target is not null) _direction = DirectionOf(_target);
            await AnalyzeAsync();
        }
        catch (TrackingException e) when (e.Kind == TrackingErrorKind.NotFound)
        {
            _notFound = e.Message;
        }
        catch (TrackingException e) when (e.Kind == TrackingErrorKind.Forbidden)
        {
            // No READ on it: say so, as the API does, rather than failing the whole dashboard.
            _forbidden = e.Message;
        }
    }

    private MetricDirection DirectionOf(string key) =>
        _savedDirections.TryGetValue(key, out var saved) ? saved : MetricDirections.Infer(key);

    private async Task AnalyzeAsync()
    {
        if (_target is null) return;
        _busy = true;
        try
        {
            _report = await Hyperparameters.AnalyzeAsync(Caller.User, ExperimentId, new HyperparameterQuery(_target, _direction, _aggregate));
            _problem = null;
            Prepare(_report);
        }
        catch (TrackingException e) when (e.Kind == TrackingErrorKind.Forbidden)
        {
            // Access taken away since the page opened.
            (_forbidden, _report) = (e.Message, null);
        }
        catch (TrackingException e) when (e.Kind == TrackingErrorKind.InvalidInput)
        {
            (_problem, _report) = (e.Message, null);
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>What the charts draw: the usable runs, the best of them, and the params lined up for parallel coordinates.</summary>
    private void Prepare(HyperparameterReport report)
    {
        _analysedKey++;
        _usable = report.Runs.Where(r => r.Target is { } t && double.IsFinite(t)).ToList();
        _best = report.Analysis.BestRunIds.ToHashSet(StringComparer.Ordinal);
        var varying = Varying.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        _parcoordsParams = ParamComparison.Build(_usable
                .Select(r => (IReadOnlyList<KeyValueEntry>)r.Params.Select(p => new KeyValueEntry(p.Key, p.Value)).ToList()).ToList())
            .Where(row => varying.Contains(row.Key))
            .ToList();
        _parcoordsValues = _usable.Select(r => r.Target).ToList();
    }

    private async Task TargetChangedAsync(string? target)
    {
        if (target is null || target == _target) return;
        _target = target;
        _direction = DirectionOf(target);
        await AnalyzeAsync();
    }

    private async Task SetAggregateAsync(MetricAggregate aggregate)
    {
        if (aggregate == _aggregate) return;
        _aggregate = aggregate;
        await AnalyzeAsync();
    }

    private async Task SetDirectionAsync(MetricDirection direction)
    {
        if (direction == _direction) return;
        _direction = direction;
        await AnalyzeAsync();
    }

    private static string EffectName(ParameterEffect effect) => effect switch
    {
        ParameterEffect.Clear => "clear",
        ParameterEffect.None => "none",
        _ => "constant",
    };

    private static string EffectLabel(ParameterEffect effect) => effect switch
    {
        ParameterEffect.Clear => "clear effect",
        ParameterEffect.None => "no clear effect",
        _ => "constant",
    };

    private static Color EffectColor(ParameterEffect effect) => effect == ParameterEffect.Clear ? Color.Success : Color.Default;

    private static string Importance(ParameterAnalysis p) =>
        p.Importance is { } i ? $"{Display.Number(i)} ({(p.ImportanceShare ?? 0).ToString("P0", CultureInfo.InvariantCulture).Replace(" ", "")})" : "–";

    private static string WithP(double? coefficient, double? pValue) =>
        coefficient is { } c
            ? $"{c.ToString("0.00", CultureInfo.InvariantCulture)} ({(pValue < 0.001 ? "<0.001" : (pValue ?? 1).ToString("0.000", CultureInfo.InvariantCulture))})"
            : "–";

    private static string Optimal(ParameterAnalysis p) => p switch
    {
        { Effect: ParameterEffect.Constant } => $"{p.OptimalRange} (every run)",
        { Kind: ParameterKind.Categorical, BestValueCounts: { Count: > 0 } counts } => string.Join(", ", counts.Select(c => $"{c.Value} ×{c.Count}")),
        _ => p.OptimalRange ?? "–",
    };
}
