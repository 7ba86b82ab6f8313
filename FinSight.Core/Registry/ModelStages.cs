using FinSight.Core.Tracking;

namespace FinSight.Core.Registry;

/// <summary>
/// MLflow's legacy stage labels for model versions (aliases replace them, but teams coming from older MLflow still use them).
/// Accepted in any case, stored and answered in the canonical spelling.
/// </summary>
public static class ModelStages
{
    /// <summary>Not staged (every new version starts here).</summary>
    public const string None = "None";
    /// <summary>Being validated.</summary>
    public const string Staging = "Staging";
    /// <summary>Serving.</summary>
    public const string Production = "Production";
    /// <summary>Retired.</summary>
    public const string Archived = "Archived";

    /// <summary>
    /// The stage a deleted version is kept under, as MLflow's own store does: its number is never given out again,
    /// and every read leaves it out.
    /// </summary>
    public const string DeletedInternal = "Deleted_Internal";

    /// <summary>The stages a user can choose, in lifecycle order.</summary>
    public static readonly IReadOnlyList<string> All = [None, Staging, Production, Archived];

    /// <summary>The canonical spelling of <paramref name="stage"/>, or null when it is not a stage.</summary>
    public static string? Canonical(string? stage) =>
        stage is null ? null : All.FirstOrDefault(s => s.Equals(stage.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The canonical stage, or a <see cref="TrackingException"/> listing the stages.</summary>
    public static string Parse(string? stage, string field = "stage") =>
        Canonical(stage) ?? throw TrackingException.Invalid(string.IsNullOrWhiteSpace(stage)
            ? $"{field} is required: one of {string.Join(", ", All)}."
            : $"{field} '{TrackingValidator.Truncate(stage)}' is not a stage; use one of {string.Join(", ", All)} (any case).");
}
