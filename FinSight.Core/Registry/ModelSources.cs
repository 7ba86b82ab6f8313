using FinSight.Core.Tracking;

namespace FinSight.Core.Registry;

/// <summary>A version's source read as a run's artifact: the run and the path under its artifacts.</summary>
public readonly record struct RunArtifact(string RunId, string Path);

/// <summary>
/// Reads the run out of a model version's source, in the two forms MLflow clients send:
/// <c>runs:/&lt;run&gt;/&lt;path&gt;</c> and <c>mlflow-artifacts:[//host]/&lt;experiment&gt;/&lt;run&gt;/artifacts/&lt;path&gt;</c>.
/// </summary>
public static class ModelSources
{
    /// <summary>MLflow's run-relative artifact URI scheme.</summary>
    public const string RunsScheme = "runs:/";
    /// <summary>The scheme of artifacts served through the tracking server.</summary>
    public const string ProxiedArtifactsScheme = "mlflow-artifacts:";

    /// <summary>The run and artifact path, or null when the source names no run in a form known here.</summary>
    public static RunArtifact? RunOf(string? source)
    {
        if (string.IsNullOrEmpty(source)) return null;
        if (source.StartsWith(RunsScheme, StringComparison.Ordinal))
        {
            var rest = source[RunsScheme.Length..];
            var slash = rest.IndexOf('/');
            var runId = slash < 0 ? rest : rest[..slash];
            return RunIds.IsValid(runId) ? new RunArtifact(runId, slash < 0 ? "" : rest[(slash + 1)..]) : null;
        }
        if (source.StartsWith(ProxiedArtifactsScheme, StringComparison.Ordinal))
        {
            var rest = source[ProxiedArtifactsScheme.Length..];
            if (rest.StartsWith("//", StringComparison.Ordinal))
            {
                // mlflow-artifacts://host:port/<experiment>/... : skip the authority.
                var end = rest.IndexOf('/', 2);
                if (end < 0) return null;
                rest = rest[end..];
            }
            var parts = rest.TrimStart('/').Split('/', 4);
            if (parts.Length >= 3 && RunIds.IsValid(parts[1]) && parts[2] == "artifacts")
                return new RunArtifact(parts[1], parts.Length == 4 ? parts[3] : "");
        }
        return null;
    }
}
