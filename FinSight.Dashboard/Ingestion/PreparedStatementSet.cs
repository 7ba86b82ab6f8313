using Microsoft.Data.Sqlite;

namespace FinSight.Dashboard.Ingestion;

/// <summary>
/// A set of statements prepared once per connection and reused for every group: re-parsing SQL per
/// point or per batch would cost more than the writes themselves.
/// </summary>
public abstract class PreparedStatementSet(SqliteConnection connection) : IDisposable
{
    private readonly List<SqliteCommand> _all = [];

    /// <summary>A statement whose parameters are bound positionally, in the order named here.</summary>
    protected SqliteCommand Make(string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter(name, null));
        _all.Add(command);
        return command;
    }

    /// <summary>Every statement must name the open transaction (Microsoft.Data.Sqlite requires it).</summary>
    public void Enlist(SqliteTransaction? transaction)
    {
        foreach (var command in _all) command.Transaction = transaction;
    }

    public void Dispose()
    {
        foreach (var command in _all) command.Dispose();
        GC.SuppressFinalize(this);
    }
}
