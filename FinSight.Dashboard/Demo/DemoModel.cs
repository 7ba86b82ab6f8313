using System.Net;
using System.Net.Http.Json;

namespace FinSight.Dashboard.Demo;

/// <summary>
/// Registers the demo's model in the model registry through MLflow's API, as a team would from its training script:
/// <see cref="Name"/> with a version from the demo run and the alias <c>champion</c> on it, so <c>/models</c> is not empty on a
/// first start and the demo A/B test's treatment serves a registered version.
/// </summary>
public static class DemoModel
{
    public const string Name = "demo-ranker";

    /// <summary>The model reference the demo test's treatment serves: <c>models:/demo-ranker@champion</c> (fixed to its version when the test is created).</summary>
    public static async Task<string> RegisterAsync(HttpClient http, string runId, CancellationToken stopping)
    {
        var created = await http.PostAsJsonAsync("api/2.0/mlflow/registered-models/create",
            new { name = Name, description = "The demo's ranking model: registered from the demo training run." }, stopping);
        // A second demo on the same database finds the model there already (MLflow answers RESOURCE_ALREADY_EXISTS with 400).
        if (created.StatusCode != HttpStatusCode.BadRequest) created.EnsureSuccessStatusCode();
        var version = await http.PostAsJsonAsync("api/2.0/mlflow/model-versions/create", new { name = Name, source = $"runs:/{runId}/model", run_id = runId }, stopping);
        version.EnsureSuccessStatusCode();
        var number = (await version.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(stopping)).GetProperty("model_version").GetProperty("version").GetString();
        (await http.PostAsJsonAsync("api/2.0/mlflow/registered-models/alias", new { name = Name, alias = "champion", version = number }, stopping)).EnsureSuccessStatusCode();
        return $"models:/{Name}@champion";
    }
}
