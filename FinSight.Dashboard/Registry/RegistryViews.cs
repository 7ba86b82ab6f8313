namespace FinSight.Dashboard.Registry;

/// <summary>A registered model as lists and the MLflow API show it.</summary>
/// <param name="LatestVersions">The newest version in each stage that has one (MLflow's latest_versions).</param>
public sealed record RegisteredModelView(
    string Name, string? Description, long CreationTime, long LastUpdatedTime, string? Owner,
    IReadOnlyList<KeyValuePair<string, string>> Tags, IReadOnlyList<ModelAliasView> Aliases, IReadOnlyList<ModelVersionView> LatestVersions)
{
    /// <summary>The newest version whatever its stage, or null for a model without versions.</summary>
    public ModelVersionView? Newest => LatestVersions.MaxBy(v => v.Version);
}

/// <summary>An alias and the version it points to.</summary>
public sealed record ModelAliasView(string Alias, int Version);

/// <summary>One version of a registered model.</summary>
/// <param name="Aliases">The aliases pointing to this version.</param>
public sealed record ModelVersionView(
    string Name, int Version, long CreationTime, long LastUpdatedTime, string Stage, string? Description, string Source, string? RunId,
    string Status, string? StatusMessage, string? RunLink, string? Owner, IReadOnlyList<KeyValuePair<string, string>> Tags, IReadOnlyList<string> Aliases);

/// <summary>An A/B test variant serving a model version.</summary>
public sealed record ModelVersionUse(long TestId, string TestName, string Status, string Variant, long ExperimentId);

/// <summary>What the model page shows: the model, every version (newest first) and the A/B tests using each.</summary>
public sealed record ModelDetail(RegisteredModelView Model, IReadOnlyList<ModelVersionView> Versions, IReadOnlyDictionary<int, IReadOnlyList<ModelVersionUse>> Uses);

/// <summary>One page of a search, and the offset of the next page (null on the last).</summary>
public sealed record RegistryPage<T>(IReadOnlyList<T> Items, int? NextOffset);
