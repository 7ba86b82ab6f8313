using System.Security.Claims;
using FinSight.Core.Registry;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Registry;
using static FinSight.Dashboard.Apis.Mlflow.MlflowRegistryRequests;

namespace FinSight.Dashboard.Apis.Mlflow;

/// <summary>
/// MLflow's registered-model endpoints (<c>/api/2.0/mlflow/registered-models/...</c>) with MLflow's request and answer shapes
/// and error codes. Changes go through <see cref="ModelRegistryService"/>; reads through <see cref="ModelRegistryReader"/>.
/// </summary>
public static class MlflowRegistryApi
{
    /// <summary>MLflow's default and largest page of a registered-model search.</summary>
    public const int DefaultSearchResults = 100, MaxSearchResults = 1000;

    public static RouteGroupBuilder MapMlflowRegistryApi(this RouteGroupBuilder group)
    {
        var models = group.MapGroup("/registered-models");
        models.MapPost("/create", CreateAsync);
        models.MapGet("/get", GetAsync);
        models.MapGet("/search", SearchAsync);
        models.MapPatch("/update", UpdateAsync);
        models.MapDelete("/delete", DeleteAsync);
        models.MapPost("/set-tag", SetTagAsync);
        models.MapDelete("/delete-tag", DeleteTagAsync);
        models.MapPost("/alias", SetAliasAsync);
        models.MapDelete("/alias", DeleteAliasAsync);
        models.MapGet("/alias", GetByAliasAsync);
        models.MapPost("/get-latest-versions", LatestVersionsAsync);
        models.MapGet("/get-latest-versions", LatestVersionsAsync);
        group.MapMlflowModelVersionsApi();
        return group;
    }

    public static async Task<IResult> CreateAsync(HttpRequest request, ClaimsPrincipal user, ModelRegistryService registry, CancellationToken cancellationToken)
    {
        var body = await ReadAsync(request, cancellationToken);
        try
        {
            var model = await registry.CreateModelAsync(user, body.Name, body.Description, body.TagPairs, cancellationToken);
            return MlflowRegistryJson.Ok(new { registered_model = MlflowRegisteredModel.From(model) });
        }
        catch (TrackingException e) when (e.Kind == TrackingErrorKind.Conflict)
        {
            // MLflow's code for a taken name, which clients (register_model) check for.
            throw MlflowException.AlreadyExists(e.Message);
        }
    }

    public static async Task<IResult> GetAsync(HttpRequest request, ModelRegistryReader reader, CancellationToken cancellationToken) =>
        MlflowRegistryJson.Ok(new { registered_model = MlflowRegisteredModel.From(await ModelAsync(reader, request.Query["name"], cancellationToken)) });

    /// <summary><c>filter</c> (e.g. <c>name LIKE '%fx%'</c>, <c>tags.team = 'fx'</c>), <c>max_results</c>, <c>order_by</c>, <c>page_token</c>.</summary>
    public static async Task<IResult> SearchAsync(HttpRequest request, ModelRegistryReader reader, CancellationToken cancellationToken)
    {
        var filter = RegistryFilter.Parse(request.Query["filter"], RegistryFilter.ModelFields);
        var (offset, max, order) = Paging(request, DefaultSearchResults, MaxSearchResults, RegistryOrder.ModelFields);
        var page = await reader.SearchModelsAsync(filter, order, offset, max, cancellationToken);
        return MlflowRegistryJson.Ok(new { registered_models = page.Items.Select(MlflowRegisteredModel.From).ToList(), next_page_token = NextToken(page.NextOffset) });
    }

    public static async Task<IResult> UpdateAsync(HttpRequest request, ClaimsPrincipal user, ModelRegistryService registry, CancellationToken cancellationToken)
    {
        var body = await ReadAsync(request, cancellationToken);
        var model = await registry.UpdateModelAsync(user, body.Name, body.Description, cancellationToken);
        return MlflowRegistryJson.Ok(new { registered_model = MlflowRegisteredModel.From(model) });
    }

    public static Task<IResult> DeleteAsync(HttpRequest request, ClaimsPrincipal user, ModelRegistryService registry, CancellationToken cancellationToken) =>
        ChangeAsync(request, b => registry.DeleteModelAsync(user, b.Name, cancellationToken), cancellationToken);

    public static Task<IResult> SetTagAsync(HttpRequest request, ClaimsPrincipal user, ModelRegistryService registry, CancellationToken cancellationToken) =>
        ChangeAsync(request, b => registry.SetModelTagAsync(user, b.Name, b.Key, b.Value, cancellationToken), cancellationToken);

    public static Task<IResult> DeleteTagAsync(HttpRequest request, ClaimsPrincipal user, ModelRegistryService registry, CancellationToken cancellationToken) =>
        ChangeAsync(request, b => registry.DeleteModelTagAsync(user, b.Name, b.Key, cancellationToken), cancellationToken);

    /// <summary>Body <c>{ name, alias, version }</c>: the alias points at that version from now on (moved if it pointed elsewhere).</summary>
    public static Task<IResult> SetAliasAsync(HttpRequest request, ClaimsPrincipal user, ModelRegistryService registry, CancellationToken cancellationToken) =>
        ChangeAsync(request, b => registry.SetAliasAsync(user, b.Name, b.Alias, b.Version, cancellationToken), cancellationToken);

    public static Task<IResult> DeleteAliasAsync(HttpRequest request, ClaimsPrincipal user, ModelRegistryService registry, CancellationToken cancellationToken) =>
        ChangeAsync(request, b => registry.DeleteAliasAsync(user, b.Name, b.Alias, cancellationToken), cancellationToken);

    /// <summary><c>?name=&amp;alias=</c> → the model_version the alias points to.</summary>
    public static async Task<IResult> GetByAliasAsync(HttpRequest request, ModelRegistryReader reader, CancellationToken cancellationToken)
    {
        var name = RegistryRules.ModelName(request.Query["name"]);
        var alias = RegistryRules.Alias(request.Query["alias"]);
        var version = await reader.ResolveAsync(new ModelReference(name, ModelReferenceKind.Alias, Label: alias), cancellationToken);
        if (version is null)
        {
            await ModelAsync(reader, name, cancellationToken); // an unknown model is reported as such
            throw MlflowException.NotFound($"Registered model alias {alias} not found.");
        }
        return MlflowRegistryJson.Ok(new { model_version = MlflowModelVersion.From(version) });
    }

    /// <summary><c>{ name, stages? }</c> → the newest version in each stage asked for (every stage when none).</summary>
    public static async Task<IResult> LatestVersionsAsync(HttpRequest request, ModelRegistryReader reader, CancellationToken cancellationToken)
    {
        var body = await ReadAsync(request, cancellationToken);
        var model = await ModelAsync(reader, body.Name, cancellationToken);
        var stages = (body.Stages ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => ModelStages.Parse(s, "stages")).ToHashSet();
        var versions = await reader.LatestVersionsAsync(model.Name, stages, cancellationToken);
        return MlflowRegistryJson.Ok(new { model_versions = versions.Select(MlflowModelVersion.From).ToList() });
    }
}
