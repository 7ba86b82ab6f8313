using FinSight.Core.Tracking;
using FinSight.Dashboard.Configuration;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Live;
using Microsoft.Extensions.Options;

namespace FinSight.Dashboard.Ingestion;

/// <summary>
/// The one writer. It takes whatever commands are waiting (up to a size limit) and commits them in
/// one transaction: group commit, so one sync to disk serves many batches. If the group's transaction
/// fails, each command is retried alone, so one bad command cannot fail its neighbours.
/// </summary>
public sealed class IngestionWriter(
    IngestionQueue queue,
    DatabaseLocation database,
    IOptions<StorageOptions> storage,
    IOptions<IngestionOptions> options,
    LiveMetricsStore live,
    TimeProvider time,
    ILogger<IngestionWriter> logger) : BackgroundService
{
    private const int MaxGroupCommands = 4096;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Leave the host's start-up path at once; the writer runs on its own thread of work.
        await Task.Yield();
        using var session = new TrackingWriteSession(database.ConnectionString, storage.Value.Synchronous,
            storage.Value.CompactionTargetPoints, live, time);
        var group = new List<IngestionCommand>();
        var reader = queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                Drain(group);
                RunGroup(session, group);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: accept nothing new, but write everything already accepted.
            queue.Close();
            while (reader.TryPeek(out _))
            {
                Drain(group);
                RunGroup(session, group);
            }
        }
    }

    private void Drain(List<IngestionCommand> group)
    {
        group.Clear();
        var points = 0;
        var limit = options.Value.MaxGroupPoints;
        while (group.Count < MaxGroupCommands && points < limit && queue.Reader.TryRead(out var command))
        {
            group.Add(command);
            points += command.PointCount;
        }
    }

    private void RunGroup(TrackingWriteSession session, List<IngestionCommand> group)
    {
        if (group.Count == 0) return;
        var refused = new Exception?[group.Count];
        try
        {
            session.Begin();
            for (var i = 0; i < group.Count; i++)
            {
                try { group[i].Execute(session); }
                catch (TrackingException e) { refused[i] = e; }
            }
            session.Commit();
        }
        catch (Exception e) when (group.Count > 1)
        {
            session.Rollback();
            logger.LogWarning(e, "A commit group of {Count} commands failed; retrying each alone.", group.Count);
            foreach (var command in group) RunGroup(session, [command]);
            return;
        }
        catch (Exception e)
        {
            session.Rollback();
            logger.LogError(e, "An ingestion command failed to commit.");
            group[0].Fail(new StorageFailureException());
            return;
        }
        for (var i = 0; i < group.Count; i++)
        {
            if (refused[i] is { } error) group[i].Fail(error);
            else group[i].Complete();
        }
    }
}

/// <summary>Storage failed; the caller may resend. Carries no internals (no SQL, no paths).</summary>
public sealed class StorageFailureException() : Exception("The server could not store this request; nothing of it was kept. Try again.");
