using FinSight.Client.RunFolders;

namespace FinSight.Client.Ingest;

/// <summary>
/// Where a <see cref="FinSightRun"/> goes when its server stays unreachable longer than
/// <see cref="FinSightClientOptions.SpillAfter"/>: a run folder under <see cref="FinSightClientOptions.SpillDirectory"/>
/// in the simple tracker's layout, naming the server run it continues, so <c>finsight sync</c> finishes that run.
/// The folder is created on the first spill only; until then this just remembers the run's params and tags.
/// </summary>
internal sealed class RunSpill(FinSightClientOptions options, RunConfig run) : IDisposable
{
    private readonly Lock _gate = new();
    private RunFolderWriter? _writer;

    /// <summary>How long the server may stay unreachable before the run spills.</summary>
    public TimeSpan After { get; } = options.SpillAfter;

    /// <summary>True once the run writes to its spill folder instead of the server.</summary>
    public bool IsOpen => Volatile.Read(ref _writer) is not null;

    /// <summary>Remembers params the server accepted, for the spill folder's config.</summary>
    public void Logged(IReadOnlyDictionary<string, string> parameters)
    {
        lock (_gate) foreach (var (key, value) in parameters) run.Params.TryAdd(key, value);
    }

    /// <summary>Remembers a tag, for the spill folder's config.</summary>
    public void Tagged(string key, string value)
    {
        lock (_gate) run.Tags[key] = value;
    }

    /// <summary>The spill folder's writer, creating the folder (and announcing it) on first use.</summary>
    public RunFolderWriter Open(string reason)
    {
        lock (_gate)
        {
            if (_writer is not null) return _writer;
            var writer = RunFolderWriter.Create(options.SpillDirectory!, run, options.TimeProvider);
            var message = $"FinSight: {reason}; run {run.ServerRunId} continues in {writer.Folder}. Upload it later with: finsight sync {writer.Root}";
            if (options.Spilled is { } spilled) spilled(message);
            else Console.Error.WriteLine(message);
            Volatile.Write(ref _writer, writer);
            return writer;
        }
    }

    /// <summary>The open writer; only valid when <see cref="IsOpen"/>.</summary>
    public RunFolderWriter Writer => _writer ?? throw new InvalidOperationException("The run has not spilled.");

    /// <summary>Closes the spill folder's files, if it was opened.</summary>
    public void Dispose()
    {
        lock (_gate) _writer?.Dispose();
    }
}
