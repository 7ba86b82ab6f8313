using System.Globalization;
using FinSight.Core.AbTesting;
using FinSight.Core.Access;
using FinSight.Core.Contracts;
using FinSight.Core.Tracking;
using FinSight.Dashboard.AbTests;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Components.Dialogs;
using FinSight.Dashboard.Components.Shared;
using FinSight.Dashboard.Ingestion;
using FinSight.Dashboard.Live;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FinSight.Dashboard.Components.Pages.AbTests;

/// <summary>
/// One A/B test: its plan, the recommendation and winner, per-metric results with intervals and corrected
/// p-values, the SRM warning, charts of the intervals, the cumulative lift and the exposures, and the split
/// with its history. Those with EDIT start, stop, end and re-split it here. Results are re-read (throttled by
/// the live store) whenever observations commit or the test changes, so the page follows a running test.
/// </summary>
public sealed partial class AbTestPage : ComponentBase, IDisposable
{
    private readonly SubscriptionBag _subscriptions = new();
    private AbTestInfo? _info;
    private AbTestResults? _results;
    private string? _notFound;
    /// <summary>Why the caller may not see this test (no READ on its experiment), shown instead of its data.</summary>
    private string? _forbidden;
    private string? _loadedTestId;
    private bool _canEdit;
    private bool _busy;

    [Inject] private AbTestReader Reader { get; set; } = default!;
    [Inject] private AbTestService Service { get; set; } = default!;
    [Inject] private CurrentCaller Caller { get; set; } = default!;
    [Inject] private ExperimentAccess Access { get; set; } = default!;
    [Inject] private LiveMetricsStore Live { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter] public string TestId { get; set; } = "";

    protected override async Task OnParametersSetAsync()
    {
        if (TestId == _loadedTestId) return;
        _loadedTestId = TestId;
        _subscriptions.Clear();
        (_info, _results, _notFound, _forbidden, _canEdit) = (null, null, null, null, false);
        try
        {
            await LoadAsync();
            _canEdit = await Access.LevelAsync(Caller.User, long.Parse(_info!.ExperimentId, CultureInfo.InvariantCulture)) >= PermissionLevel.Edit;
        }
        catch (TrackingException e) when (e.Kind is TrackingErrorKind.NotFound or TrackingErrorKind.InvalidInput)
        {
            _notFound = e.Message;
            return;
        }
        catch (TrackingException e) when (e.Kind == TrackingErrorKind.Forbidden)
        {
            // No READ on its experiment: say so, as the API does, rather than failing the whole dashboard.
            _forbidden = e.Message;
            return;
        }
        _subscriptions.Add(Live.SubscribeAbTest(long.Parse(_info.TestId, CultureInfo.InvariantCulture), () => InvokeAsync(RefreshAsync)));
    }

    private async Task LoadAsync() => (_info, _results) = await Reader.ViewAsync(Caller.User, TestId);

    /// <summary>Observations committed or the test changed: read the test and its analysis again.</summary>
    private async Task RefreshAsync()
    {
        try
        {
            await LoadAsync();
        }
        catch (TrackingException e) when (e.Kind == TrackingErrorKind.Forbidden)
        {
            // Access taken away while open: stop showing the test and stop listening.
            (_forbidden, _info, _results) = (e.Message, null, null);
            _subscriptions.Clear();
        }
        catch (TrackingException e) when (e.Kind == TrackingErrorKind.NotFound)
        {
            (_notFound, _info, _results) = (e.Message, null, null);
            _subscriptions.Clear();
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
            return;
        }
        StateHasChanged();
    }

    private Task StartAsync() => ChangeAsync(() => Service.StartAsync(Caller.User, TestId), "A/B test started: it now accepts observations.");

    private async Task StopAsync()
    {
        if (await ConfirmAsync("Stop this test?",
                "It stops collecting observations now, before its planned end. Results stay readable; a stopped test cannot restart.", "Stop"))
            await ChangeAsync(() => Service.StopAsync(Caller.User, TestId), "A/B test stopped.");
    }

    private async Task EndAsync()
    {
        if (await ConfirmAsync("End this test?",
                "It concludes now and accepts no more observations. Results stay readable; an ended test cannot restart.", "End"))
            await ChangeAsync(() => Service.EndAsync(Caller.User, TestId), "A/B test ended.");
    }

    private async Task ChangeSplitAsync()
    {
        if (_info is not { } info) return;
        var parameters = new DialogParameters<ChangeSplitDialog>
        {
            { d => d.TestId, TestId },
            { d => d.Variants, info.Variants },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, CloseOnEscapeKey = true };
        var dialog = await Dialogs.ShowAsync<ChangeSplitDialog>("Change split", parameters, options);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add("Split changed.", Severity.Success);
            await RefreshAsync();
        }
    }

    private async Task<bool> ConfirmAsync(string title, string message, string yes) =>
        await Dialogs.ShowMessageBoxAsync(title, message, yesText: yes, cancelText: "Cancel") == true;

    /// <summary>Applies a change; a refusal (someone else moved it first, access taken away) is the snackbar's message.</summary>
    private async Task ChangeAsync(Func<Task> change, string success)
    {
        _busy = true;
        try
        {
            await change();
            Snackbar.Add(success, Severity.Success);
        }
        catch (Exception e) when (e is TrackingException or StorageFailureException or ServerShuttingDownException)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
        finally
        {
            _busy = false;
        }
        await RefreshAsync();
    }

    private static IReadOnlyList<string> Treatments(AbTestInfo info) =>
        info.Variants.Where(v => v.Name != info.Control).Select(v => v.Name).ToList();

    private static string PlannedText(AbTestInfo info, AbTestResults results)
    {
        var planned = $"{AbDisplay.Count(info.PlannedSampleSize)} per variant";
        if (results.SampleSizeReached) return planned + " · reached";
        var fewest = results.Metrics[0].Variants.Count > 0 ? results.Metrics[0].Variants.Min(v => v.N) : 0;
        return $"{planned} · not reached yet (fewest so far: {AbDisplay.Count(fewest)})";
    }

    private static string CorrectionText(AbTestInfo info, AbTestResults results)
    {
        var comparisons = results.Comparisons > 0 ? results.Comparisons : (info.Variants.Count - 1) * info.Metrics.Count;
        var noun = comparisons == 1 ? "comparison" : "comparisons";
        var name = results.Correction == "holm-bonferroni" ? "Holm–Bonferroni" : results.Correction;
        return results.Comparisons > 0
            ? $"{name} correction applied across {comparisons} {noun}"
            : $"{name} correction will apply across {comparisons} {noun}";
    }

    private static string ConfidenceText(AbTestInfo info) =>
        ((1 - info.Alpha) * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string MetricCaption(AbMetricResult metric) =>
        $"{metric.Type} · {(metric.Direction == "lower" ? "lower" : "higher")} is better";

    /// <summary>"control 600 (expected 500), treatment 400 (expected 500)".</summary>
    private static string SrmDetail(AbSrmResult srm)
    {
        var total = srm.Variants.Sum(v => v.Units);
        return string.Join(", ", srm.Variants.Select(v =>
            $"{v.Name} {AbDisplay.Count(v.Units)} (expected {AbDisplay.Count((long)Math.Round(total * v.ExpectedShare))})"));
    }

    private static string SrmStatus(AbSrmResult srm) =>
        srm.Variants.Sum(v => v.Units) == 0 ? "No units yet."
        : srm.Flagged ? $"Sample ratio mismatch: units don't match the split (SRM check {AbDisplay.PIs(srm.PValue)})."
        : $"Units match the split (SRM check {AbDisplay.PIs(srm.PValue)}).";

    private static string SplitChangeText(AbTestInfo info, AbSplitChangeInfo change) =>
        string.Join(", ", info.Variants.Select(v => v.Name).Where(change.NewWeights.ContainsKey).Select(name =>
            $"{name} {(change.OldWeights.TryGetValue(name, out var old) ? AbDisplay.Weight(old) : AbDisplay.None)} → {AbDisplay.Weight(change.NewWeights[name])}"));

    private static Severity SeverityOf(AbVerdict verdict) => verdict switch
    {
        AbVerdict.Ship => Severity.Success,
        AbVerdict.SampleRatioMismatch or AbVerdict.GuardrailHarmed => Severity.Error,
        AbVerdict.Inconclusive => Severity.Warning,
        _ => Severity.Info,
    };

    public void Dispose() => _subscriptions.Dispose();
}
