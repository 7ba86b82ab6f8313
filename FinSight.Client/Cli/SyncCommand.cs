using System.CommandLine;
using System.Globalization;
using FinSight.Client;
using FinSight.Client.Sync;

namespace FinSight.Cli;

/// <summary>
/// <c>finsight sync &lt;folder&gt; [--server URL] [--api-key KEY] [--experiment NAME] [--include-unfinished]</c>: uploads
/// runs logged offline. The work is <see cref="RunFolderSync"/>'s; this parses arguments, prints progress and a summary.
/// Exit codes: 0 every run uploaded, already synced or skipped; 1 a run failed; 2 the command line is wrong.
/// </summary>
public static class SyncCommand
{
    public const int Ok = 0;
    public const int RunFailed = 1;
    public const int UsageError = 2;

    /// <param name="args">The command line.</param>
    /// <param name="output">Progress and the summary.</param>
    /// <param name="error">What went wrong.</param>
    /// <param name="environment">Reads FINSIGHT_URL and FINSIGHT_API_KEY (the process environment when null).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var folder = new Argument<string>("folder") { Description = "A folder of runs written by the simple tracker (or by a spilling FinSight tracker), or one run folder." };
        // An unknown option in the folder's place would otherwise be taken for a folder named like it.
        folder.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } value && value.StartsWith('-'))
                result.AddError($"Unknown option '{value}'; the options are --server, --api-key, --experiment and --include-unfinished.");
        });
        var server = new Option<string?>("--server") { Description = $"The FinSight server, e.g. http://localhost:5000 (default: ${FinSightClient.UrlVariable})." };
        var apiKey = new Option<string?>("--api-key") { Description = $"An API key (default: ${FinSightClient.ApiKeyVariable})." };
        var experiment = new Option<string?>("--experiment") { Description = "Upload into this experiment instead of the one each run folder names." };
        var includeUnfinished = new Option<bool>("--include-unfinished") { Description = "Also upload runs still RUNNING in their folder (their process died), ending them as KILLED." };
        var sync = new Command("sync", "Upload runs logged offline to a FinSight server. Safe to run again: nothing is stored twice.")
        {
            folder, server, apiKey, experiment, includeUnfinished,
        };
        var root = new RootCommand("FinSight command-line tool.") { sync };

        var exitCode = Ok;
        sync.SetAction(async (parsed, ct) =>
        {
            exitCode = await SyncAsync(parsed.GetValue(folder)!, parsed.GetValue(server) ?? environment(FinSightClient.UrlVariable),
                parsed.GetValue(apiKey) ?? environment(FinSightClient.ApiKeyVariable), parsed.GetValue(experiment), parsed.GetValue(includeUnfinished),
                output, error, ct);
        });

        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var parseError in result.Errors) await error.WriteLineAsync(parseError.Message);
            await error.WriteLineAsync("Usage: finsight sync <folder> [--server URL] [--api-key KEY] [--experiment NAME] [--include-unfinished]");
            return UsageError;
        }
        var invoked = await result.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return invoked != 0 ? invoked : exitCode;
    }

    private static async Task<int> SyncAsync(string folder, string? serverText, string? apiKey, string? experiment, bool includeUnfinished,
        TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(serverText))
        {
            await error.WriteLineAsync($"No server: pass --server http://host:port or set {FinSightClient.UrlVariable}.");
            return UsageError;
        }
        if (!Uri.TryCreate(serverText.Trim(), UriKind.Absolute, out var serverUrl) || serverUrl.Scheme is not ("http" or "https"))
        {
            await error.WriteLineAsync($"--server must be an http or https address such as http://localhost:5000; it is '{serverText}'.");
            return UsageError;
        }
        if (!Directory.Exists(folder))
        {
            await error.WriteLineAsync($"No folder at '{folder}'.");
            return UsageError;
        }
        using var uploader = new RunFolderSync(new FinSightClientOptions { ServerUrl = serverUrl, ApiKey = string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim() },
            experiment, includeUnfinished);
        var results = await uploader.SyncAsync(folder, new Progress(output, error), ct);
        if (results.Count == 0)
        {
            await error.WriteLineAsync($"No run folders (folders with a config.json) in '{folder}'.");
            return UsageError;
        }
        var count = (RunSyncOutcome outcome) => results.Count(r => r.Outcome == outcome);
        await output.WriteLineAsync($"{results.Count} run(s): {count(RunSyncOutcome.Uploaded)} uploaded, {count(RunSyncOutcome.AlreadySynced)} already synced, " +
            $"{count(RunSyncOutcome.Skipped)} skipped, {count(RunSyncOutcome.Failed)} failed.");
        return count(RunSyncOutcome.Failed) > 0 ? RunFailed : Ok;
    }

    /// <summary>Prints each run's line as it is done (synchronously, unlike <see cref="System.Progress{T}"/>, so lines keep their order).</summary>
    private sealed class Progress(TextWriter output, TextWriter error) : IProgress<RunSyncResult>
    {
        public void Report(RunSyncResult run)
        {
            var name = run.LocalRunId.Length > 0 ? run.LocalRunId : Path.GetFileName(run.Folder);
            switch (run.Outcome)
            {
                case RunSyncOutcome.Uploaded:
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"uploaded run {name}: {run.Points:N0} points, {run.Params} params, {run.Artifacts} artifacts (server run {run.ServerRunId})"));
                    break;
                case RunSyncOutcome.AlreadySynced:
                    output.WriteLine($"skipped run {name}: already synced (server run {run.ServerRunId})");
                    break;
                case RunSyncOutcome.Skipped:
                    output.WriteLine($"skipped run {name}: {run.Message}");
                    break;
                default:
                    error.WriteLine($"failed run {name}: {run.Message}");
                    break;
            }
        }
    }
}
