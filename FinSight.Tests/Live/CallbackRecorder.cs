namespace FinSight.Tests.Live;

/// <summary>A callback that counts its calls and lets a test wait for them without sleeping blindly.</summary>
internal sealed class CallbackRecorder
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _calls = new(0);
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public Task Callback()
    {
        Interlocked.Increment(ref _count);
        _calls.Release();
        return Task.CompletedTask;
    }

    /// <summary>Waits for one more call than already waited for; false when none came in time.</summary>
    public Task<bool> NextCallAsync(CancellationToken cancellationToken) => _calls.WaitAsync(Patience, cancellationToken);
}
