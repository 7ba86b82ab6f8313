using System.Net;
using System.Text.Json;
using FinSight.Core.Contracts;
using FinSight.Dashboard.Ingestion;
using FinSight.Dashboard.Registry;
using Microsoft.Extensions.DependencyInjection;
using static FinSight.Tests.Integration.AccessTestUsers;

namespace FinSight.Tests.Integration;

/// <summary>
/// The model registry's MLflow endpoints in the authorization matrix: every signed-in caller reads; changing the registry
/// needs the Researcher or Admin role; registering a run's model also needs READ on the run's experiment.
/// </summary>
public static class RegistryMatrixEntries
{
    private const string Api = "api/2.0/mlflow/";
    private static readonly Need Read = Need.Permission(FinSight.Core.Access.PermissionLevel.Read);

    public static IEnumerable<KeyValuePair<string, EndpointCase[]>> Endpoints() =>
    [
        Entry("POST", "registered-models/create", [Need.CreatorRole], _ => Task.FromResult<object>(new { name = MatrixCell.Unique("model") })),
        Read_("GET", "registered-models/get", async cell => $"?name={await NewModelAsync(cell)}"),
        Read_("GET", "registered-models/search", async cell => $"?filter={Uri.EscapeDataString($"name = '{await NewModelAsync(cell)}'")}"),
        Entry("PATCH", "registered-models/update", [Need.CreatorRole], async cell => new { name = await NewModelAsync(cell), description = "matrix" }),
        Entry("DELETE", "registered-models/delete", [Need.CreatorRole], async cell => new { name = await NewModelAsync(cell) }),
        Entry("POST", "registered-models/set-tag", [Need.CreatorRole], async cell => new { name = await NewModelAsync(cell), key = "k", value = "v" }),
        Entry("DELETE", "registered-models/delete-tag", [Need.CreatorRole], async cell => new { name = await NewModelAsync(cell, tagged: true), key = "k" }),
        Entry("POST", "registered-models/alias", [Need.CreatorRole], async cell => new { name = await NewModelAsync(cell), alias = "champion", version = "1" }),
        Entry("DELETE", "registered-models/alias", [Need.CreatorRole], async cell => new { name = await NewModelAsync(cell, aliased: true), alias = "champion" }),
        Read_("GET", "registered-models/alias", async cell => $"?name={await NewModelAsync(cell, aliased: true)}&alias=champion"),
        Entry("POST", "registered-models/get-latest-versions", [Need.SignedIn], async cell => new { name = await NewModelAsync(cell) }),
        Read_("GET", "registered-models/get-latest-versions", async cell => $"?name={await NewModelAsync(cell)}"),
        Entry("POST", "model-versions/create", [Need.CreatorRole, Read], async cell => new { name = await NewModelAsync(cell), source = $"runs:/{await cell.NewRunAsync()}/model" }),
        Read_("GET", "model-versions/get", async cell => $"?name={await NewModelAsync(cell)}&version=1"),
        Read_("GET", "model-versions/search", async cell => $"?filter={Uri.EscapeDataString($"name = '{await NewModelAsync(cell)}'")}"),
        Entry("PATCH", "model-versions/update", [Need.CreatorRole], async cell => new { name = await NewModelAsync(cell), version = "1", description = "matrix" }),
        Entry("DELETE", "model-versions/delete", [Need.CreatorRole], async cell => new { name = await NewModelAsync(cell), version = "1" }),
        Entry("POST", "model-versions/transition-stage", [Need.CreatorRole], async cell => new { name = await NewModelAsync(cell), version = "1", stage = "Staging" }),
        Entry("POST", "model-versions/set-tag", [Need.CreatorRole], async cell => new { name = await NewModelAsync(cell), version = "1", key = "k", value = "v" }),
        Entry("DELETE", "model-versions/delete-tag", [Need.CreatorRole], async cell => new { name = await NewModelAsync(cell, tagged: true), version = "1", key = "k" }),
        Read_("GET", "model-versions/get-download-uri", async cell => $"?name={await NewModelAsync(cell)}&version=1"),
    ];

    /// <summary>A new model made by the admin, with version 1 from a new run of the matrix experiment; optionally tag "k" on both and alias champion → 1.</summary>
    private static async Task<string> NewModelAsync(MatrixCell cell, bool tagged = false, bool aliased = false)
    {
        var server = cell.Fixture.Server;
        var registry = server.Services.GetRequiredService<ModelRegistryService>();
        var name = MatrixCell.Unique("model");
        await registry.CreateModelAsync(server.Admin, name, null, tagged ? [new("k", "v")] : null);
        await registry.CreateVersionAsync(server.Admin, new CreateModelVersionInput(name, $"runs:/{await cell.NewRunAsync()}/model", null, Tags: tagged ? [new("k", "v")] : null));
        if (aliased) await registry.SetAliasAsync(server.Admin, name, "champion", "1");
        return name;
    }

    private static KeyValuePair<string, EndpointCase[]> Read_(string method, string path, Func<MatrixCell, Task<string>> query) =>
        new($"{method} /{Api}{path}", [new("read", [Need.SignedIn], HttpStatusCode.OK, async cell => new HttpRequestMessage(HttpMethod.Get, Api + path + await query(cell)))]);

    private static KeyValuePair<string, EndpointCase[]> Entry(string method, string path, Need[] needs, Func<MatrixCell, Task<object>> body) =>
        new($"{method} /{Api}{path}", [new("change", needs, HttpStatusCode.OK,
            async cell => new HttpRequestMessage(new HttpMethod(method), Api + path) { Content = Json(await body(cell)) })]);
}
