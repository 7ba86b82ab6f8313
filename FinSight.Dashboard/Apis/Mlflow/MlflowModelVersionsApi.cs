using System.Security.Claims;
using FinSight.Core.Registry;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Registry;
using static FinSight.Dashboard.Apis.Mlflow.MlflowRegistryRequests;

namespace FinSight.Dashboard.Apis.Mlflow;

/// <summary>MLflow's model-version endpoints (<c>/api/2.0/mlflow/model-versions/...</c>).</summary>
public static class MlflowModelVersionsApi
{
    /// <summary>MLflow's default and largest page of a model-version search.</summary>
    public const int DefaultSearchResults = 10_000, MaxSearchResults = 200_000;

    public static RouteGroupBuilder MapMlflowModelVersionsApi(this RouteGroupBuilder group)
    {
        var versions = group.MapGroup("/model-versions");
        versions.MapPost("/create", CreateAsync);
        versions.MapGet("/get", GetAsync);
        versions.MapGet("/search", SearchAsync);
        versions.MapPatch("/update", UpdateAsync);
        versions.MapDelete("/delete", DeleteAsync);
        versions.MapPost("/transition-stage", TransitionStageAsync);
        versions.MapPost("/set-tag", SetTagAsync);
        versions.MapDelete("/delete-tag", DeleteTagAsync);
        versions.MapGet("/get-download-uri", DownloadUriAsync);
        return group;
    }

    /// <summary><c>{ name, source, run_id?, tags?, run_link?, description? }</c> → the new model_version (numbered by the writer).</summary>
    public static async Task<IResult> CreateAsync(HttpRequest request, ClaimsPrincipal user, ModelRegistryService registry, CancellationToken cancellationToken)
    {
        var body = await ReadAsync(request, cancellationToken);
        var version = await registry.CreateVersionAsync(user,
            new CreateModelVersionInput(body.Name, body.Source, body.RunId, body.Description, body.RunLink, body.TagPairs), cancellationToken);
        return MlflowRegistryJson.Ok(new { model_version = MlflowModelVersion.From(version) });
    }

    public static async Task<IResult> GetAsync(HttpRequest request, ModelRegistryReader reader, CancellationToken cancellationToken) =>
        MlflowRegistryJson.Ok(new { model_version = MlflowModelVersion.From(await VersionAsync(reader, request.Query["name"], request.Query["version"], cancellationToken)) });

    /// <summary><c>filter</c> (e.g. <c>name = 'x'</c>, <c>run_id = '…'</c>, <c>run_id IN (…)</c>), <c>max_results</c>, <c>order_by</c>, <c>page_token</c>.</summary>
    public static async Task<IResult> SearchAsync(HttpRequest request, ModelRegistryReader reader, CancellationToken cancellationToken)
    {
        var filter = RegistryFilter.Parse(request.Query["filter"], RegistryFilter.VersionFields);
        var (offset, max, order) = Paging(request, DefaultSearchResults, MaxSearchResults, RegistryOrder.VersionFields);
        var page = await reader.SearchVersionsAsync(filter, order, offset, max, cancellationToken);
        return MlflowRegistryJson.Ok(new { model_versions = page.Items.Select(MlflowModelVersion.From).ToList(), next_page_token = NextToken(page.NextOffset) });
    }

    public static async Task<IResult> UpdateAsync(HttpRequest request, ClaimsPrincipal user, ModelRegistryService registry, CancellationToken cancellationToken)
    {
        var body = await ReadAsync(request, cancellationToken);
        var version = await registry.UpdateVersionAsync(user, body.Name, body.Version, body.Description, cancellationToken);
        return MlflowRegistryJson.Ok(new { model_version = MlflowModelVersion.From(version) });
    }

    public static Task<IResult> DeleteAsync(HttpRequest request, ClaimsPrincipal user, ModelRegistryService registry, CancellationToken cancellationToken) =>
        ChangeAsync(request, b => registry.DeleteVersionAsync(user, b.Name, b.Version, cancellationToken), cancellationToken);

    /// <summary><c>{ name, version, stage, archive_existing_versions }</c> → the moved model_version.</summary>
    public static async Task<IResult> TransitionStageAsync(HttpRequest request, ClaimsPrincipal user, ModelRegistryService registry, CancellationToken cancellationToken)
    {
        var body = await ReadAsync(request, cancellationToken);
        var version = await registry.TransitionStageAsync(user, body.Name, body.Version, body.Stage, body.ArchiveExistingVersions ?? false, cancellationToken);
        return MlflowRegistryJson.Ok(new { model_version = MlflowModelVersion.From(version) });
    }

    public static Task<IResult> SetTagAsync(HttpRequest request, ClaimsPrincipal user, ModelRegistryService registry, CancellationToken cancellationToken) =>
        ChangeAsync(request, b => registry.SetVersionTagAsync(user, b.Name, b.Version, b.Key, b.Value, cancellationToken), cancellationToken);

    public static Task<IResult> DeleteTagAsync(HttpRequest request, ClaimsPrincipal user, ModelRegistryService registry, CancellationToken cancellationToken) =>
        ChangeAsync(request, b => registry.DeleteVersionTagAsync(user, b.Name, b.Version, b.Key, cancellationToken), cancellationToken);

    /// <summary>Where the version's files are: a <c>runs:/</c> source resolved against its run's artifact location; any other source as given.</summary>
    public static async Task<IResult> DownloadUriAsync(HttpRequest request, ModelRegistryReader reader, CancellationToken cancellationToken)
    {
        var version = await VersionAsync(reader, request.Query["name"], request.Query["version"], cancellationToken);
        var uri = version.Source;
        if (version.Source.StartsWith(ModelSources.RunsScheme, StringComparison.Ordinal) && ModelSources.RunOf(version.Source) is { } artifact
            && await reader.RunArtifactUriAsync(artifact.RunId, cancellationToken) is { } root)
            uri = artifact.Path.Length == 0 ? root : $"{root.TrimEnd('/')}/{artifact.Path}";
        return MlflowRegistryJson.Ok(new { artifact_uri = uri });
    }
}
