using System.Text;
using FinSight.Core.Storage;
using Microsoft.Data.Sqlite;

namespace FinSight.Dashboard.Data;

/// <summary>
/// Reads chunk blobs by id inside a read transaction, copying each into one reused buffer: a zoomed-out
/// read of a long series touches tens of megabytes of blobs, and a fresh array per blob would mostly
/// feed the garbage collector.
/// </summary>
public sealed class ChunkBlobs(SqliteTransaction snapshot)
{
    private byte[] _buffer = new byte[64 * 1024];

    public async Task ReadAsync(IReadOnlyList<long> chunkIds, ChunkBlobVisitor visit, CancellationToken cancellationToken)
    {
        await using var command = snapshot.Connection!.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = "SELECT Id, Data FROM metric_chunks WHERE Id IN (SELECT value FROM json_each($ids))";
        command.Parameters.AddWithValue("$ids", Json(chunkIds));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var length = (int)reader.GetBytes(1, 0, null, 0, 0);
            if (length > _buffer.Length) _buffer = new byte[Math.Max(length, _buffer.Length * 2)];
            reader.GetBytes(1, 0, _buffer, 0, length);
            visit(reader.GetInt64(0), _buffer.AsSpan(0, length));
        }
    }

    private static string Json(IReadOnlyList<long> ids)
    {
        var json = new StringBuilder(ids.Count * 8).Append('[');
        for (var i = 0; i < ids.Count; i++) json.Append(i == 0 ? "" : ",").Append(ids[i]);
        return json.Append(']').ToString();
    }
}
