using Microsoft.EntityFrameworkCore;

namespace FinSight.Dashboard.Data;

/// <summary>Creates and migrates the database before anything else starts (hosted services start in order).</summary>
public sealed class DatabaseInitializer(DatabaseLocation location, IDbContextFactory<FinSightDbContext> contexts, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        location.EnsureFolderExists();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        // WAL lets readers (pages, APIs) run while the writer commits; the mode is stored in the file.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
        logger.LogInformation("Database ready at {Path}", location.FilePath ?? "(in memory)");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
