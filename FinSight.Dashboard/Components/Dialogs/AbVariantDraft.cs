using FinSight.Core.Contracts;

namespace FinSight.Dashboard.Components.Dialogs;

/// <summary>A variant as the A/B test dialog edits it, before the service validates it.</summary>
public sealed class AbVariantDraft
{
    public string? Name { get; set; }

    public double? Weight { get; set; }

    public string? ModelRef { get; set; }

    public AbVariantInput ToInput() => new() { Name = Name, Weight = Weight, ModelRef = string.IsNullOrWhiteSpace(ModelRef) ? null : ModelRef };
}
