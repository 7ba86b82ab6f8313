using System.Threading.Channels;
using FinSight.Dashboard.Configuration;
using Microsoft.Extensions.Options;

namespace FinSight.Dashboard.Ingestion;

/// <summary>The bounded channel between every entry point and the single writer.</summary>
public sealed class IngestionQueue(IOptions<IngestionOptions> options)
{
    private readonly Channel<IngestionCommand> _channel = Channel.CreateBounded<IngestionCommand>(
        new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            // Wait, never drop: a full queue slows producers down (backpressure).
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });

    public ChannelReader<IngestionCommand> Reader => _channel.Reader;

    public async Task<T> SubmitAsync<T>(IngestionCommand<T> command, CancellationToken cancellationToken)
    {
        try
        {
            await _channel.Writer.WriteAsync(command, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            throw new ServerShuttingDownException();
        }
        return await command.Task;
    }

    /// <summary>Stops accepting work; what is queued is still written.</summary>
    public void Close() => _channel.Writer.TryComplete();
}

/// <summary>The server is stopping and accepts no more writes; clients resend after reconnecting.</summary>
public sealed class ServerShuttingDownException() : Exception("The server is shutting down; resend this batch after reconnecting.");
