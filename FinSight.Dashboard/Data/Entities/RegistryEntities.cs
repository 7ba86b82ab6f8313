namespace FinSight.Dashboard.Data.Entities;

/// <summary>A registered model (MLflow's model registry): a unique name, a description and tags; its versions follow.</summary>
public sealed class RegisteredModelEntity
{
    public required string Name { get; set; }
    public string? Description { get; set; }
    public long CreationTime { get; set; }
    public long LastUpdatedTime { get; set; }
    /// <summary>The email of the user (or key owner) who registered it.</summary>
    public string? Owner { get; set; }
}

public sealed class RegisteredModelTagEntity
{
    public required string ModelName { get; set; }
    public required string Key { get; set; }
    public required string Value { get; set; }
}

/// <summary>One version of a registered model: numbered 1, 2, … per model, made from a run's artifact path.</summary>
public sealed class ModelVersionEntity
{
    public required string ModelName { get; set; }
    public int Version { get; set; }
    /// <summary>Where the model's files are, as the client gave it (e.g. <c>runs:/&lt;run&gt;/model</c> or an artifact URI).</summary>
    public required string Source { get; set; }
    /// <summary>The run that produced it, when known; null for a model registered from elsewhere.</summary>
    public string? RunId { get; set; }
    /// <summary>MLflow's ModelVersionStatus: PENDING_REGISTRATION | FAILED_REGISTRATION | READY.</summary>
    public string Status { get; set; } = "READY";
    public string? StatusMessage { get; set; }
    /// <summary>MLflow's legacy stage label: None | Staging | Production | Archived.</summary>
    public string CurrentStage { get; set; } = "None";
    public string? Description { get; set; }
    public string? RunLink { get; set; }
    public long CreationTime { get; set; }
    public long LastUpdatedTime { get; set; }
    public string? Owner { get; set; }
}

public sealed class ModelVersionTagEntity
{
    public required string ModelName { get; set; }
    public int Version { get; set; }
    public required string Key { get; set; }
    public required string Value { get; set; }
}

/// <summary>A named pointer (e.g. <c>champion</c>) to one version of a model; moving it is one update.</summary>
public sealed class RegisteredModelAliasEntity
{
    public required string ModelName { get; set; }
    public required string Alias { get; set; }
    public int Version { get; set; }
}
