using System.Security.Claims;
using FinSight.Core.Access;
using FinSight.Core.Registry;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Ingestion;

namespace FinSight.Dashboard.Registry;

/// <summary>What a new model version is made from, as MLflow's create-model-version sends it.</summary>
public sealed record CreateModelVersionInput(string? Name, string? Source, string? RunId, string? Description = null, string? RunLink = null,
    IReadOnlyList<KeyValuePair<string?, string?>>? Tags = null);

/// <summary>
/// Every change to the model registry, whatever the entry point (MLflow API, pages): validate the whole request,
/// check the caller may make it, queue it for the single writer, answer after the commit with what is stored.
/// Changing the registry needs the Researcher or Admin role (as creating experiments does); registering a run's
/// model also needs READ on the run's experiment. Every signed-in user reads the registry.
/// </summary>
public sealed class ModelRegistryService(IngestionQueue queue, ModelRegistryReader reader, ExperimentAccess access, AuditLog audit)
{
    public async Task<RegisteredModelView> CreateModelAsync(ClaimsPrincipal caller, string? name, string? description,
        IReadOnlyList<KeyValuePair<string?, string?>>? tags, CancellationToken cancellationToken = default)
    {
        var model = RegistryRules.ModelName(name);
        var checkedDescription = RegistryRules.Description(description);
        var checkedTags = Tags(tags);
        RequireCanChange(caller);
        var owner = caller.Email();
        await Submit(s => { s.CreateModel(model, checkedDescription, checkedTags, owner); return true; }, cancellationToken);
        return await ModelAsync(model, cancellationToken);
    }

    /// <summary>Replaces the description (blank clears it).</summary>
    public async Task<RegisteredModelView> UpdateModelAsync(ClaimsPrincipal caller, string? name, string? description, CancellationToken cancellationToken = default)
    {
        var model = RegistryRules.ModelName(name);
        var checkedDescription = RegistryRules.Description(description);
        RequireCanChange(caller);
        await Submit(s => { s.UpdateModelDescription(model, checkedDescription); return true; }, cancellationToken);
        return await ModelAsync(model, cancellationToken);
    }

    /// <summary>Deletes the model, its versions, tags and aliases. Audited.</summary>
    public async Task DeleteModelAsync(ClaimsPrincipal caller, string? name, CancellationToken cancellationToken = default)
    {
        var model = RegistryRules.ModelName(name);
        RequireCanChange(caller);
        await Submit(s => { s.DeleteModel(model); return true; }, cancellationToken);
        await audit.RecordAsync(caller, AuditActions.ModelDeleted, $"model '{model}'", null, cancellationToken);
    }

    public async Task SetModelTagAsync(ClaimsPrincipal caller, string? name, string? key, string? value, CancellationToken cancellationToken = default)
    {
        var model = RegistryRules.ModelName(name);
        var tag = RegistryRules.Tag(key, value);
        RequireCanChange(caller);
        await Submit(s => { s.SetModelTag(model, tag.Key, tag.Value); return true; }, cancellationToken);
    }

    public async Task DeleteModelTagAsync(ClaimsPrincipal caller, string? name, string? key, CancellationToken cancellationToken = default)
    {
        var model = RegistryRules.ModelName(name);
        var checkedKey = RegistryRules.TagKey(key);
        RequireCanChange(caller);
        await Submit(s => { s.DeleteModelTag(model, checkedKey); return true; }, cancellationToken);
    }

    /// <summary>
    /// Registers the next version of a model from a run's artifact. The run comes from <c>run_id</c> or from a
    /// <c>runs:/</c> or <c>mlflow-artifacts:/</c> source; given both, they must agree. Needs READ on the run's experiment.
    /// </summary>
    public async Task<ModelVersionView> CreateVersionAsync(ClaimsPrincipal caller, CreateModelVersionInput input, CancellationToken cancellationToken = default)
    {
        var model = RegistryRules.ModelName(input.Name);
        var source = Source(input.Source);
        var runId = RunOf(source, input.RunId);
        var description = RegistryRules.Description(input.Description);
        var runLink = string.IsNullOrWhiteSpace(input.RunLink) ? null : input.RunLink.Trim();
        if (runLink is { Length: > RegistryRules.MaxSourceLength })
            throw TrackingException.Invalid($"run_link is {runLink.Length} characters long; the limit is {RegistryRules.MaxSourceLength}.");
        var tags = Tags(input.Tags);
        RequireCanChange(caller);
        await access.RequireRunAsync(caller, runId, PermissionLevel.Read, cancellationToken);
        var owner = caller.Email();
        var version = await Submit(s => s.CreateVersion(model, source, runId, description, runLink, tags, owner), cancellationToken);
        return await VersionAsync(model, version, cancellationToken);
    }

    public async Task<ModelVersionView> UpdateVersionAsync(ClaimsPrincipal caller, string? name, string? version, string? description, CancellationToken cancellationToken = default)
    {
        var (model, number) = (RegistryRules.ModelName(name), RegistryRules.Version(version));
        var checkedDescription = RegistryRules.Description(description);
        RequireCanChange(caller);
        await Submit(s => { s.UpdateVersionDescription(model, number, checkedDescription); return true; }, cancellationToken);
        return await VersionAsync(model, number, cancellationToken);
    }

    /// <summary>Moves a version to a stage; with <paramref name="archiveExistingVersions"/>, the others in Staging or Production move to Archived.</summary>
    public async Task<ModelVersionView> TransitionStageAsync(ClaimsPrincipal caller, string? name, string? version, string? stage, bool archiveExistingVersions,
        CancellationToken cancellationToken = default)
    {
        var (model, number) = (RegistryRules.ModelName(name), RegistryRules.Version(version));
        var canonical = ModelStages.Parse(stage);
        RequireCanChange(caller);
        await Submit(s => { s.TransitionStage(model, number, canonical, archiveExistingVersions); return true; }, cancellationToken);
        return await VersionAsync(model, number, cancellationToken);
    }

    /// <summary>Deletes a version with its tags and aliases; its number is not given out again. Audited.</summary>
    public async Task DeleteVersionAsync(ClaimsPrincipal caller, string? name, string? version, CancellationToken cancellationToken = default)
    {
        var (model, number) = (RegistryRules.ModelName(name), RegistryRules.Version(version));
        RequireCanChange(caller);
        await Submit(s => { s.DeleteVersion(model, number); return true; }, cancellationToken);
        await audit.RecordAsync(caller, AuditActions.ModelVersionDeleted, $"model '{model}' version {number}", null, cancellationToken);
    }

    public async Task SetVersionTagAsync(ClaimsPrincipal caller, string? name, string? version, string? key, string? value, CancellationToken cancellationToken = default)
    {
        var (model, number) = (RegistryRules.ModelName(name), RegistryRules.Version(version));
        var tag = RegistryRules.Tag(key, value);
        RequireCanChange(caller);
        await Submit(s => { s.SetVersionTag(model, number, tag.Key, tag.Value); return true; }, cancellationToken);
    }

    public async Task DeleteVersionTagAsync(ClaimsPrincipal caller, string? name, string? version, string? key, CancellationToken cancellationToken = default)
    {
        var (model, number) = (RegistryRules.ModelName(name), RegistryRules.Version(version));
        var checkedKey = RegistryRules.TagKey(key);
        RequireCanChange(caller);
        await Submit(s => { s.DeleteVersionTag(model, number, checkedKey); return true; }, cancellationToken);
    }

    /// <summary>Points an alias at a version; an alias already in use moves (it never points at two versions).</summary>
    public async Task SetAliasAsync(ClaimsPrincipal caller, string? name, string? alias, string? version, CancellationToken cancellationToken = default)
    {
        var model = RegistryRules.ModelName(name);
        var checkedAlias = RegistryRules.Alias(alias);
        var number = RegistryRules.Version(version);
        RequireCanChange(caller);
        await Submit(s => { s.SetAlias(model, checkedAlias, number); return true; }, cancellationToken);
    }

    public async Task DeleteAliasAsync(ClaimsPrincipal caller, string? name, string? alias, CancellationToken cancellationToken = default)
    {
        var model = RegistryRules.ModelName(name);
        var checkedAlias = RegistryRules.Alias(alias);
        RequireCanChange(caller);
        await Submit(s => { s.DeleteAlias(model, checkedAlias); return true; }, cancellationToken);
    }

    /// <summary>Throws a 403 unless the caller may change the registry (Admin or Researcher).</summary>
    /// <summary>The registry's write rule: Researchers and Admins may change it (pages hide their controls from others).</summary>
    public static bool CanChange(ClaimsPrincipal caller) => caller.CanCreateExperiments();

    public static void RequireCanChange(ClaimsPrincipal caller)
    {
        if (!CanChange(caller))
            throw TrackingException.Forbidden("Changing the model registry needs the Researcher or Admin role; you are a Viewer. Ask an admin.");
    }

    private static string Source(string? source)
    {
        if (string.IsNullOrWhiteSpace(source))
            throw TrackingException.Invalid("source is required: where the model's files are, such as runs:/<run_id>/model.");
        if (source.Length > RegistryRules.MaxSourceLength)
            throw TrackingException.Invalid($"source is {source.Length} characters long; the limit is {RegistryRules.MaxSourceLength}.");
        return source.Trim();
    }

    /// <summary>The run a version comes from: <paramref name="runId"/>, or the one its source names; both given, they must agree.</summary>
    private static string RunOf(string source, string? runId)
    {
        var fromSource = ModelSources.RunOf(source)?.RunId;
        if (string.IsNullOrWhiteSpace(runId))
        {
            return fromSource ?? throw TrackingException.Invalid(
                $"source '{(source.Length <= 80 ? source : source[..77] + "...")}' names no run; give run_id, or a source such as runs:/<run_id>/model or mlflow-artifacts:/<experiment>/<run_id>/artifacts/model. FinSight registers models from runs.");
        }
        var id = TrackingValidator.RunId(runId.Trim(), "run_id");
        if (fromSource is not null && fromSource != id)
            throw TrackingException.Invalid($"run_id '{id}' does not match the run in source ('{fromSource}'); give one run.");
        return id;
    }

    private static List<KeyValuePair<string, string>> Tags(IReadOnlyList<KeyValuePair<string?, string?>>? tags)
    {
        var result = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < (tags?.Count ?? 0); i++)
        {
            var tag = RegistryRules.Tag(tags![i].Key, tags[i].Value, $"tags[{i}]");
            if (result.Any(t => t.Key == tag.Key)) throw TrackingException.Invalid($"tags[{i}] key '{tag.Key}' is given twice.");
            result.Add(tag);
        }
        return result;
    }

    private async Task<RegisteredModelView> ModelAsync(string name, CancellationToken cancellationToken) =>
        await reader.GetModelAsync(name, cancellationToken) ?? throw TrackingException.NotFound($"Registered model with name={name} not found.");

    private async Task<ModelVersionView> VersionAsync(string name, int version, CancellationToken cancellationToken) =>
        await reader.GetVersionAsync(name, version, cancellationToken) ?? throw TrackingException.NotFound($"Model Version (name={name}, version={version}) not found.");

    private Task<T> Submit<T>(Func<TrackingWriteSession, T> work, CancellationToken cancellationToken) =>
        queue.SubmitAsync(new IngestionCommand<T>(0, work), cancellationToken);
}
