using System.Text.Json;
using FinSight.Client;

namespace FinSight.Dashboard.Demo;

/// <summary>
/// The demo run's files, uploaded the way a training script would: its config, the model folder the registry's
/// <c>demo-ranker</c> version points at (<c>runs:/&lt;run&gt;/model</c>), and a CSV of its data, so a newcomer's first
/// run page has artifacts to preview and download.
/// </summary>
public static class DemoArtifacts
{
    private static readonly string[] Classes = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    public static async Task UploadAsync(FinSightRun run, IReadOnlyDictionary<string, string> parameters, CancellationToken stopping)
    {
        var folder = Directory.CreateTempSubdirectory("finsight-demo-");
        try
        {
            var files = new Dictionary<string, string>
            {
                ["config.json"] = JsonSerializer.Serialize(new { run = run.RunId, parameters, epochs = 1, augmentation = new[] { "random_crop", "horizontal_flip" } }),
                ["model/MLmodel"] = $"artifact_path: model\nflavors:\n  python_function:\n    loader_module: demo.ranker\n    python_version: 3.11\nrun_id: {run.RunId}\n",
                ["model/README.md"] = "# demo-ranker\n\nA simulated ResNet-18 trained on simulated CIFAR-10; registered as `models:/demo-ranker@champion`.\n",
                ["data/class_distribution.csv"] = "class,train_images,test_images\n" + string.Join('\n', Classes.Select(c => $"{c},5000,1000")) + "\n",
            };
            foreach (var (path, content) in files)
            {
                var local = Path.Combine(folder.FullName, path.Replace('/', '_'));
                await File.WriteAllTextAsync(local, content, stopping);
                await run.LogArtifactAsync(local, path, stopping);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
