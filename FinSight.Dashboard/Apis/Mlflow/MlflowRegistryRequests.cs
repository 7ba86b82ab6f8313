using FinSight.Core.Registry;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Registry;
using FinSight.Core.Query;

namespace FinSight.Dashboard.Apis.Mlflow;

/// <summary>Reading the registry endpoints' parameters: a JSON body when there is one, else the query string (GET, and DELETE without a body).</summary>
public static class MlflowRegistryRequests
{
    public static async Task<MlflowRegistryRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasJsonContentType() && request.ContentLength is not 0) return await JsonBody.ReadAsync<MlflowRegistryRequest>(request, cancellationToken);
        var query = request.Query;
        return new MlflowRegistryRequest
        {
            Name = query["name"], Version = query["version"], Alias = query["alias"], Key = query["key"],
            Stages = query["stages"].Select(s => (string?)s).ToList(),
        };
    }

    /// <summary>Reads the request, makes the change, and answers MLflow's empty object (deletes, tags, aliases).</summary>
    public static async Task<IResult> ChangeAsync(HttpRequest request, Func<MlflowRegistryRequest, Task> change, CancellationToken cancellationToken)
    {
        await change(await ReadAsync(request, cancellationToken));
        return MlflowRegistryJson.Empty();
    }

    /// <summary>The model named, or RESOURCE_DOES_NOT_EXIST with MLflow's message.</summary>
    public static async Task<RegisteredModelView> ModelAsync(ModelRegistryReader reader, string? name, CancellationToken cancellationToken)
    {
        var model = RegistryRules.ModelName(name);
        return await reader.GetModelAsync(model, cancellationToken) ?? throw MlflowException.NotFound($"Registered Model with name={model} not found");
    }

    /// <summary>The version named, or RESOURCE_DOES_NOT_EXIST with MLflow's message.</summary>
    public static async Task<ModelVersionView> VersionAsync(ModelRegistryReader reader, string? name, string? version, CancellationToken cancellationToken)
    {
        var model = RegistryRules.ModelName(name);
        var number = RegistryRules.Version(version);
        return await reader.GetVersionAsync(model, number, cancellationToken)
            ?? throw MlflowException.NotFound($"Model Version (name={model}, version={number}) not found");
    }

    /// <summary>max_results, order_by and page_token of a search, from the query string.</summary>
    public static (int Offset, int MaxResults, IReadOnlyList<RegistryOrderKey> Order) Paging(HttpRequest request, int defaultMax, int limit, IReadOnlyList<string> orderFields)
    {
        return (OffsetPageToken.Decode(request.Query["page_token"]), OffsetPageToken.MaxResults(MlflowQuery.Int(request.Query, "max_results"), defaultMax, limit),
            RegistryOrder.Parse(request.Query["order_by"], orderFields));
    }

    public static string? NextToken(int? nextOffset) => nextOffset is { } offset ? OffsetPageToken.Encode(offset) : null;
}
