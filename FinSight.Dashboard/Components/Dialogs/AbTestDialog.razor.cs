using System.Globalization;
using FinSight.Core.AbTesting;
using FinSight.Core.Access;
using FinSight.Core.Contracts;
using FinSight.Core.Tracking;
using FinSight.Dashboard.AbTests;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Ingestion;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FinSight.Dashboard.Components.Dialogs;

/// <summary>
/// Defines an A/B test: experiment, name, hypothesis, variants with weights (and the run each serves), control,
/// the primary metric and guardrails, and the plan (a minimum sample size, or a minimum detectable effect for a
/// power analysis). It creates through <see cref="AbTestService"/> itself, so a refusal — whose message names the
/// field — is shown here and the dialog stays open; it closes with the created <see cref="AbTestRecord"/>.
/// </summary>
public sealed partial class AbTestDialog : ComponentBase
{
    private IReadOnlyList<ExperimentInfo>? _experiments;
    private string? _experimentId;
    private string? _name;
    private string? _hypothesis;
    private readonly List<AbVariantDraft> _variants =
    [
        new() { Name = "control", Weight = 0.5 },
        new() { Name = "treatment", Weight = 0.5 },
    ];
    private AbVariantDraft? _control;
    private readonly AbMetricDraft _primary = new();
    private readonly List<AbMetricDraft> _guardrails = [];
    private double? _alpha = AbTestDesignValidator.DefaultAlpha;
    private double? _power = AbTestDesignValidator.DefaultPower;
    private bool _planByEffect;
    private long? _minSampleSize;
    private double? _minDetectableEffect;
    private string? _error;
    private bool _saving;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject] private AbTestService Service { get; set; } = default!;
    [Inject] private TrackingReader Reader { get; set; } = default!;
    [Inject] private ExperimentAccess Access { get; set; } = default!;
    [Inject] private CurrentCaller Caller { get; set; } = default!;

    /// <summary>The experiment chosen at first, if any.</summary>
    [Parameter] public string? ExperimentId { get; set; }

    private double WeightSum => _variants.Sum(v => v.Weight ?? 0);

    private bool WeightsSumToOne => Math.Abs(WeightSum - 1) <= AbTestDesignValidator.WeightTolerance;

    protected override async Task OnInitializedAsync()
    {
        _control = _variants[0];
        // Only experiments the caller can edit: the service refuses the others (and says so, should that change meanwhile).
        var experiments = await Reader.ListExperimentsAsync(Caller.User);
        var levels = await Access.LevelsAsync(Caller.User, experiments.Select(e => long.Parse(e.ExperimentId, CultureInfo.InvariantCulture)).ToList());
        _experiments = experiments
            .Where(e => levels.GetValueOrDefault(long.Parse(e.ExperimentId, CultureInfo.InvariantCulture)) >= PermissionLevel.Edit)
            .OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        _experimentId = ExperimentId ?? (_experiments.Count == 1 ? _experiments[0].ExperimentId : null);
    }

    private string? ExperimentName(string? experimentId) =>
        _experiments?.FirstOrDefault(e => e.ExperimentId == experimentId)?.Name ?? experimentId;

    private static void WeightChanged(AbVariantDraft variant, double? weight) => variant.Weight = weight;

    private void AddVariant()
    {
        var next = (char)('a' + _variants.Count - 1);
        _variants.Add(new AbVariantDraft { Name = $"treatment-{next}", Weight = null });
    }

    private void RemoveVariant(AbVariantDraft variant)
    {
        if (_variants.Count <= 2) return;
        _variants.Remove(variant);
        if (_control == variant) _control = _variants[0];
    }

    private void AddGuardrail() => _guardrails.Add(new AbMetricDraft());

    private CreateAbTestRequest Request() => new()
    {
        ExperimentId = _experimentId,
        Name = _name,
        Hypothesis = string.IsNullOrWhiteSpace(_hypothesis) ? null : _hypothesis,
        Variants = _variants.Select(v => v.ToInput()).ToList(),
        Control = _control?.Name,
        Metrics = [_primary.ToInput(guardrail: false, withBaseline: _planByEffect), .. _guardrails.Select(g => g.ToInput(guardrail: true, withBaseline: false))],
        Alpha = _alpha,
        Power = _planByEffect ? _power : null,
        MinSampleSize = _planByEffect ? null : _minSampleSize,
        MinDetectableEffect = _planByEffect ? _minDetectableEffect : null,
    };

    private async Task SaveAsync()
    {
        _saving = true;
        _error = null;
        try
        {
            var created = await Service.CreateAsync(Caller.User, Request());
            Dialog.Close(DialogResult.Ok(created));
        }
        catch (Exception e) when (e is TrackingException or StorageFailureException or ServerShuttingDownException)
        {
            _error = e.Message;
        }
        finally
        {
            _saving = false;
        }
    }

    private void Cancel() => Dialog.Cancel();
}
