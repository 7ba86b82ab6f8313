using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace FinSight.Bench;

/// <summary>
/// This machine's ceiling for storing one row per point: Microsoft.Data.Sqlite, a reused prepared
/// statement, 10,000 rows per transaction, WAL, an index on (series, step). Chunked storage has to
/// beat this to justify itself, so the benchmark reports our rate as a ratio of it.
/// </summary>
public static class RowInsertBaseline
{
    public static double MeasurePointsPerSecond(string folder, int rows, string synchronous)
    {
        var path = Path.Combine(folder, "row-baseline.db");
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Execute(connection, $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous};");
        Execute(connection, "CREATE TABLE points (series_id INTEGER NOT NULL, step INTEGER NOT NULL, timestamp INTEGER NOT NULL, value REAL); CREATE INDEX ix_points ON points (series_id, step);");
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO points (series_id, step, timestamp, value) VALUES ($s, $step, $t, $v)";
        var s = insert.Parameters.Add("$s", SqliteType.Integer);
        var step = insert.Parameters.Add("$step", SqliteType.Integer);
        var t = insert.Parameters.Add("$t", SqliteType.Integer);
        var v = insert.Parameters.Add("$v", SqliteType.Real);
        insert.Prepare();
        var clock = Stopwatch.StartNew();
        for (var done = 0; done < rows;)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            for (var i = 0; i < 10_000 && done < rows; i++, done++)
            {
                s.Value = done % 80;
                step.Value = done / 80;
                t.Value = 1_700_000_000_000L + done;
                v.Value = Math.Sin(done);
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        return rows / clock.Elapsed.TotalSeconds;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
