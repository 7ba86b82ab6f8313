using FinSight.Dashboard.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace FinSight.Dashboard.Data;

/// <summary>The SQLite connection string with its file path made absolute, and the folder it needs.</summary>
public sealed class DatabaseLocation
{
    public DatabaseLocation(IOptions<StorageOptions> options)
    {
        var builder = new SqliteConnectionStringBuilder(options.Value.ConnectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource);
            FilePath = builder.DataSource;
        }
        // Writers wait for each other instead of failing: the compactor's reads and EF's reads share the file.
        builder.DefaultTimeout = 30;
        builder.Pooling = true;
        ConnectionString = builder.ToString();
    }

    public string ConnectionString { get; }

    /// <summary>The database file, or null for an in-memory database.</summary>
    public string? FilePath { get; }

    public void EnsureFolderExists()
    {
        if (FilePath is not null && Path.GetDirectoryName(FilePath) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
    }
}
